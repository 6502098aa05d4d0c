/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-index-file.c: writing, mapping and checking the index file, and
 * reading every face back in id order (lineup_index_foreach, for saving).
 *
 * Layout: a 4 KiB header, then ids, scales, norms, radii and codes (each
 * section page-aligned and sized for the writer's capacity), then the float
 * descriptors. The header and ids are mapped; the parameters and codes
 * are copied into memory once (the scan reads them all, and wants huge
 * pages), where removing a face marks its row without touching the file.
 * The floats are read with pread, so what searches read never counts
 * against the resident size.
 *
 * The body checksum covers ids, parameters and codes and is checked on
 * every open (one pass, about what a search reads); the floats' checksum
 * is checked by lineup_index_file_verify.
 */
#define G_LOG_DOMAIN "lineup-index"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lineup-index-file.h"
#include "lineup-index-private.h"

#define MAGIC "LINEUPIX"
#define HEADER_SIZE 4096
#define PAGE 4096
#define KEY_MAX 256
/* Floats are written and checksummed this many rows at a time. */
#define FLOAT_CHUNK_ROWS 2048

typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 header_size;
  guint32 dim;
  guint32 stride;
  guint64 n;
  guint64 capacity;
  guint64 generation;
  guint64 off_ids, off_scale, off_norm2, off_radius, off_codes, off_floats, file_size;
  guint64 body_checksum;
  guint64 floats_checksum;
  char    key[KEY_MAX];
  guint64 header_checksum; /* of every byte above */
} Header;

G_STATIC_ASSERT (sizeof (Header) <= HEADER_SIZE);

/* checksum: a small 64-bit hash (four multiply-rotate lanes), for damage,
 * not for tampering */

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL

static inline guint64
rotl (guint64 x,
      int     r)
{
  return (x << r) | (x >> (64 - r));
}

static guint64
hash_bytes (const void *data,
            gsize       len,
            guint64     seed)
{
  const guint8 *p = data;
  guint64       a = seed + P1 + P2, b = seed + P2, c = seed, d = seed - P1, h;
  gsize         total = len;

  while (len >= 32)
    {
      guint64 v[4];

      memcpy (v, p, 32);
      a = rotl (a + v[0] * P2, 31) * P1;
      b = rotl (b + v[1] * P2, 31) * P1;
      c = rotl (c + v[2] * P2, 31) * P1;
      d = rotl (d + v[3] * P2, 31) * P1;
      p += 32;
      len -= 32;
    }
  h = rotl (a, 1) + rotl (b, 7) + rotl (c, 12) + rotl (d, 18) + total;
  while (len > 0)
    {
      h = rotl (h ^ (*p++ * P3), 11) * P1;
      len--;
    }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

/* Sections are hashed a MiB at a time, chained, so a reader can hash
 * what it has just read while it is still in cache. */
#define HASH_CHUNK (1u << 20)
#define READ_CHUNK (8 * HASH_CHUNK)

static guint64
hash_chunks (const void *data,
             gsize       len,
             guint64     x)
{
  for (gsize off = 0; off < len; off += HASH_CHUNK)
    x = hash_bytes ((const guint8 *)data + off, MIN (HASH_CHUNK, len - off), x);
  return x;
}

static guint64
body_checksum (const guint8 *map,
               const Header *h)
{
  guint64 x = h->n;

  x = hash_chunks (map + h->off_ids, h->n * sizeof (gint64), x);
  x = hash_chunks (map + h->off_scale, h->n * sizeof (float), x);
  x = hash_chunks (map + h->off_norm2, h->n * sizeof (float), x);
  x = hash_chunks (map + h->off_radius, h->n * sizeof (float), x);
  return hash_chunks (map + h->off_codes, h->n * h->stride, x);
}

static guint64
header_checksum (const Header *h)
{
  return hash_bytes (h, G_STRUCT_OFFSET (Header, header_checksum), 0);
}

static gsize
page_up (gsize x)
{
  return (x + PAGE - 1) / PAGE * PAGE;
}

static void
layout (Header *h,
        guint   dim,
        guint64 capacity)
{
  h->dim = dim;
  h->stride = (dim + LINEUP_INDEX_CODE_ALIGN - 1) / LINEUP_INDEX_CODE_ALIGN * LINEUP_INDEX_CODE_ALIGN;
  h->capacity = capacity;
  h->off_ids = HEADER_SIZE;
  h->off_scale = h->off_ids + page_up (capacity * sizeof (gint64));
  h->off_norm2 = h->off_scale + page_up (capacity * sizeof (float));
  h->off_radius = h->off_norm2 + page_up (capacity * sizeof (float));
  h->off_codes = h->off_radius + page_up (capacity * sizeof (float));
  h->off_floats = h->off_codes + page_up (capacity * h->stride);
  h->file_size = h->off_floats + capacity * dim * sizeof (float);
}

static gboolean
set_errno_error (GError    **error,
                 int         saved,
                 const char *what,
                 const char *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s %s: %s", what, path,
               g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const void *data,
           gsize       len,
           goffset     off)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t w = pwrite (fd, (const char *)data + done, len - done, off + done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      done += w;
    }
  return TRUE;
}

static gboolean
read_all (int     fd,
          void   *data,
          gsize   len,
          goffset off)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t r = pread (fd, (char *)data + done, len - done, off + done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        {
          if (r == 0)
            errno = EIO;
          return FALSE;
        }
      done += r;
    }
  return TRUE;
}

/* every face, in id order */

static int
cmp_tail_rows (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const gint64 *ids = user_data;
  gint64        x = ids[*(const gsize *)a], y = ids[*(const gsize *)b];

  return x < y ? -1 : x > y;
}

static gboolean
read_run (LineupIndex        *index,
          LineupIndexSegment *seg,
          gsize               start,
          gsize               end,
          float              *buf,
          GError            **error)
{
  gsize   len = (end - start) * index->dim * sizeof (float), done = 0;
  goffset off = seg->floats_offset + (goffset)(start * index->dim * sizeof (float));

  while (done < len)
    {
      ssize_t r = pread (seg->fd, (char *)buf + done, len - done, off + done);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        {
          int saved = r < 0 ? errno : EIO;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Could not read the index file: %s",
                       g_strerror (saved));
          return FALSE;
        }
      done += r;
    }
  return TRUE;
}

/* In id order when the base is (the tail merged in), so a file saved from
 * an index stays sorted and needs no lookup table when mapped again. */
gboolean
lineup_index_foreach (LineupIndex       *index,
                      LineupIndexForeach func,
                      gpointer           user_data,
                      GError           **error)
{
  LineupIndexSegment *b = &index->base, *t = &index->tail;
  const gsize         chunk = 4096;
  g_autofree float   *buf = g_new (float, chunk * index->dim);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize j = 0;

  for (gsize row = 0; row < t->n; row++)
    if (!isnan (t->norm2[row]))
      g_array_append_val (order, row);
  g_array_sort_with_data (order, cmp_tail_rows, t->ids);

  for (gsize start = 0; start < b->n; start += chunk)
    {
      gsize        end = MIN (b->n, start + chunk);
      const float *floats = b->floats ? b->floats + start * index->dim : buf;

      /* From a file: a run of rows at once, not one by one. */
      if (b->floats == NULL && !read_run (index, b, start, end, buf, error))
        return FALSE;
      for (gsize row = start; row < end; row++)
        {
          if (isnan (b->norm2[row]))
            continue;
          for (; j < order->len && t->ids[g_array_index (order, gsize, j)] < b->ids[row]; j++)
            {
              gsize tr = g_array_index (order, gsize, j);
              if (!func (t->ids[tr], t->floats + tr * index->dim, user_data))
                return TRUE;
            }
          if (!func (b->ids[row], floats + (row - start) * index->dim, user_data))
            return TRUE;
        }
    }
  for (; j < order->len; j++)
    {
      gsize tr = g_array_index (order, gsize, j);
      if (!func (t->ids[tr], t->floats + tr * index->dim, user_data))
        return TRUE;
    }
  return TRUE;
}

/* writing */

struct _LineupIndexWriter
{
  char   *path;
  char   *tmp_path;
  int     fd;
  Header  h;
  guint8 *map;
  gsize   map_len;
  float  *chunk; /* FLOAT_CHUNK_ROWS × dim, not yet written */
  guint   chunk_n;
  guint64 floats_written;
  guint64 floats_checksum;
};

void
lineup_index_writer_free (LineupIndexWriter *w)
{
  if (w == NULL)
    return;
  if (w->map != NULL)
    munmap (w->map, w->map_len);
  if (w->fd >= 0)
    {
      close (w->fd);
      g_unlink (w->tmp_path);
    }
  g_free (w->chunk);
  g_free (w->path);
  g_free (w->tmp_path);
  g_free (w);
}

LineupIndexWriter *
lineup_index_writer_new (const char *path,
                         guint       dim,
                         guint64     capacity,
                         GError    **error)
{
  g_autoptr(LineupIndexWriter) w = g_new0 (LineupIndexWriter, 1);

  g_return_val_if_fail (dim > 0 && dim <= LINEUP_INDEX_MAX_DIM, NULL);
  w->path = g_strdup (path);
  w->tmp_path = g_strdup_printf ("%s.tmp-%d", path, (int)getpid ());
  w->fd = open (w->tmp_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (w->fd < 0)
    {
      set_errno_error (error, errno, "Could not create", w->tmp_path);
      return NULL;
    }
  layout (&w->h, dim, MAX (capacity, 1));
  if (ftruncate (w->fd, w->h.file_size) != 0)
    {
      set_errno_error (error, errno, "Could not size", w->tmp_path);
      return NULL;
    }
  w->map_len = w->h.off_floats;
  w->map = mmap (NULL, w->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, w->fd, 0);
  if (w->map == MAP_FAILED)
    {
      w->map = NULL;
      set_errno_error (error, errno, "Could not map", w->tmp_path);
      return NULL;
    }
  w->chunk = g_new (float, (gsize)FLOAT_CHUNK_ROWS *dim);
  w->floats_checksum = 0;
  return g_steal_pointer (&w);
}

guint64
lineup_index_writer_get_n (LineupIndexWriter *w)
{
  return w->h.n;
}

static gboolean
flush_chunk (LineupIndexWriter *w,
             GError           **error)
{
  gsize len = (gsize)w->chunk_n * w->h.dim * sizeof (float);

  if (w->chunk_n == 0)
    return TRUE;
  if (!write_all (w->fd, w->chunk, len, w->h.off_floats + w->floats_written * w->h.dim * sizeof (float)))
    return set_errno_error (error, errno, "Could not write", w->tmp_path);
  w->floats_checksum = hash_bytes (w->chunk, len, w->floats_checksum);
  w->floats_written += w->chunk_n;
  w->chunk_n = 0;
  return TRUE;
}

gboolean
lineup_index_writer_add (LineupIndexWriter *w,
                         gint64             id,
                         const float       *descriptor,
                         GError           **error)
{
  Header *h = &w->h;
  guint64 row = h->n;

  if (row >= h->capacity)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Index file %s is full (%" G_GUINT64_FORMAT " faces)",
                   w->path, h->capacity);
      return FALSE;
    }
  ((gint64 *)(w->map + h->off_ids))[row] = id;
  lineup_index_encode (descriptor, h->dim, h->stride, (gint8 *)(w->map + h->off_codes) + row * h->stride,
                       (float *)(w->map + h->off_scale) + row, (float *)(w->map + h->off_norm2) + row,
                       (float *)(w->map + h->off_radius) + row);
  memcpy (w->chunk + (gsize)w->chunk_n * h->dim, descriptor, h->dim * sizeof (float));
  h->n++;
  if (++w->chunk_n == FLOAT_CHUNK_ROWS)
    return flush_chunk (w, error);
  return TRUE;
}

gboolean
lineup_index_writer_finish (LineupIndexWriter *w,
                            const char        *key,
                            guint64            generation,
                            GError           **error)
{
  g_autoptr(LineupIndexWriter) owned = w;
  Header *h = &w->h;
  guint8  page[HEADER_SIZE] = { 0 };

  if (key != NULL && strlen (key) >= KEY_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Index key too long");
      return FALSE;
    }
  if (!flush_chunk (w, error))
    return FALSE;
  memcpy (h->magic, MAGIC, 8);
  h->version = LINEUP_INDEX_FILE_VERSION;
  h->header_size = HEADER_SIZE;
  h->generation = generation;
  h->floats_checksum = w->floats_checksum;
  memset (h->key, 0, KEY_MAX);
  if (key != NULL)
    strcpy (h->key, key);
  h->body_checksum = body_checksum (w->map, h);
  h->header_checksum = header_checksum (h);
  memcpy (page, h, sizeof *h);
  memcpy (w->map, page, HEADER_SIZE);
  if (msync (w->map, w->map_len, MS_SYNC) != 0 || fsync (w->fd) != 0)
    return set_errno_error (error, errno, "Could not write", w->tmp_path);
  munmap (w->map, w->map_len);
  w->map = NULL;
  if (close (w->fd) != 0)
    {
      w->fd = -1;
      g_unlink (w->tmp_path);
      return set_errno_error (error, errno, "Could not write", w->tmp_path);
    }
  w->fd = -1;
  if (g_rename (w->tmp_path, w->path) != 0)
    {
      int saved = errno;
      g_unlink (w->tmp_path);
      return set_errno_error (error, saved, "Could not rename into", w->path);
    }
  return TRUE;
}

typedef struct
{
  LineupIndexWriter *w;
  GError            *error;
} SaveData;

static gboolean
save_one (gint64       id,
          const float *descriptor,
          gpointer     user_data)
{
  SaveData *s = user_data;

  return lineup_index_writer_add (s->w, id, descriptor, &s->error);
}

gboolean
lineup_index_save (LineupIndex *index,
                   const char  *path,
                   const char  *key,
                   guint64      generation,
                   GError     **error)
{
  SaveData s = { 0 };

  s.w = lineup_index_writer_new (path, index->dim, lineup_index_get_size (index), error);
  if (s.w == NULL)
    return FALSE;
  if (!lineup_index_foreach (index, save_one, &s, error))
    {
      lineup_index_writer_free (s.w);
      return FALSE;
    }
  if (s.error != NULL)
    {
      g_propagate_error (error, s.error);
      lineup_index_writer_free (s.w);
      return FALSE;
    }
  return lineup_index_writer_finish (s.w, key, generation, error);
}

/* reading */

static gboolean
invalid (GError    **error,
         const char *path,
         const char *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Index file %s: %s", path, why);
  return FALSE;
}

static gboolean
read_header (int         fd,
             const char *path,
             guint       dim,
             const char *key,
             Header     *h,
             GError    **error)
{
  struct stat sb;
  Header      want;

  if (!read_all (fd, h, sizeof *h, 0))
    return invalid (error, path, "too short for a header");
  if (memcmp (h->magic, MAGIC, 8) != 0)
    return invalid (error, path, "not an index file");
  if (h->header_checksum != header_checksum (h))
    return invalid (error, path, "header checksum does not match");
  if (h->version != LINEUP_INDEX_FILE_VERSION || h->header_size != HEADER_SIZE)
    return invalid (error, path, "another version");
  if (dim != 0 && h->dim != dim)
    return invalid (error, path, "another descriptor size");
  if (h->dim == 0 || h->dim > LINEUP_INDEX_MAX_DIM || h->n > h->capacity)
    return invalid (error, path, "impossible sizes");
  layout (&want, h->dim, h->capacity);
  if (want.off_floats != h->off_floats || want.off_codes != h->off_codes || want.file_size != h->file_size ||
      want.stride != h->stride)
    return invalid (error, path, "impossible layout");
  if (fstat (fd, &sb) != 0 || (guint64)sb.st_size < h->file_size)
    return invalid (error, path, "truncated");
  if (key != NULL && (h->key[KEY_MAX - 1] != '\0' || strcmp (h->key, key) != 0))
    return invalid (error, path, "built from other faces");
  return TRUE;
}

LineupIndex *
lineup_index_open (const char *path,
                   guint       dim,
                   const char *key,
                   guint64    *generation,
                   GError    **error)
{
  g_autoptr(LineupIndex) index = NULL;
  LineupIndexSegment *b;
  Header              h;
  guint8             *map;
  int                 fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      set_errno_error (error, errno, "Could not open", path);
      return NULL;
    }
  if (!read_header (fd, path, dim, key, &h, error))
    {
      close (fd);
      return NULL;
    }
  /* The header and ids are mapped: ids are read only for lookups and the
   * shortlist. The parameters and codes are read into memory of our own
   * (on huge pages, and writable for removals), hashed as they come in. */
  map = mmap (NULL, h.off_scale, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    {
      set_errno_error (error, errno, "Could not map", path);
      close (fd);
      return NULL;
    }
  index = lineup_index_new_empty (h.dim);
  index->map = map;
  index->map_len = h.off_scale;
  b = &index->base;
  b->n = b->capacity = h.n;
  b->ids = (gint64 *)(map + h.off_ids);
  b->fd = fd;
  b->floats_offset = h.off_floats;
  b->owned = FALSE;
  {
    gsize   params = page_up (h.n * sizeof (float)), codes = h.n * h.stride;
    guint8 *block = lineup_index_big_alloc (3 * params + codes);
    struct
    {
      guint8 *to;
      guint64 from;
      gsize   len;
    } parts[4];
    guint64 x = hash_chunks (b->ids, h.n * sizeof (gint64), h.n);

    index->base_block = block;
    b->scale = (float *)block;
    b->norm2 = (float *)(block + params);
    b->radius = (float *)(block + 2 * params);
    b->codes = (gint8 *)(block + 3 * params);
    parts[0].to = (guint8 *)b->scale, parts[0].from = h.off_scale, parts[0].len = h.n * sizeof (float);
    parts[1].to = (guint8 *)b->norm2, parts[1].from = h.off_norm2, parts[1].len = h.n * sizeof (float);
    parts[2].to = (guint8 *)b->radius, parts[2].from = h.off_radius, parts[2].len = h.n * sizeof (float);
    parts[3].to = (guint8 *)b->codes, parts[3].from = h.off_codes, parts[3].len = codes;
    for (guint i = 0; i < 4; i++)
      for (gsize off = 0; off < parts[i].len; off += READ_CHUNK)
        {
          gsize len = MIN (READ_CHUNK, parts[i].len - off);

          if (!read_all (fd, parts[i].to + off, len, parts[i].from + off))
            {
              set_errno_error (error, errno, "Could not read", path);
              return NULL;
            }
          x = hash_chunks (parts[i].to + off, len, x);
        }
    if (x != h.body_checksum)
      {
        invalid (error, path, "checksum does not match");
        return NULL;
      }
  }
  lineup_index_base_loaded (index);
  if (generation)
    *generation = h.generation;
  return g_steal_pointer (&index);
}

gboolean
lineup_index_file_verify (const char *path,
                          GError    **error)
{
  g_autoptr(LineupIndex) index = NULL;
  g_autofree float *chunk = NULL;
  guint64           x = 0, done = 0;
  Header            h;
  int               fd;

  /* The header and codes first, as any open does. */
  if (!(index = lineup_index_open (path, 0, NULL, NULL, error)))
    return FALSE;
  fd = index->base.fd;
  if (!read_header (fd, path, 0, NULL, &h, error))
    return FALSE;
  chunk = g_new (float, (gsize)FLOAT_CHUNK_ROWS *h.dim);
  while (done < h.n)
    {
      guint rows = (guint)MIN (FLOAT_CHUNK_ROWS, h.n - done);
      gsize len = (gsize)rows * h.dim * sizeof (float);

      if (!read_all (fd, chunk, len, h.off_floats + done * h.dim * sizeof (float)))
        return set_errno_error (error, errno, "Could not read", path);
      x = hash_bytes (chunk, len, x);
      done += rows;
    }
  if (x != h.floats_checksum)
    return invalid (error, path, "descriptor checksum does not match");
  return TRUE;
}
