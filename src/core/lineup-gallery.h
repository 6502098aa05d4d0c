/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-gallery.h: the booking-photo gallery in the local database. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-db.h"
#include "lineup-user.h"
#include "lineup-face.h"

G_BEGIN_DECLS

typedef enum
{
  LINEUP_RECORD_PENDING,
  LINEUP_RECORD_IMPORTED,
  LINEUP_RECORD_DUPLICATE,
  LINEUP_RECORD_REJECTED,
  LINEUP_RECORD_FAILED,
} LineupRecordStatus;

const char *lineup_record_status_to_string (LineupRecordStatus status);

/* One booking photo on its way into the gallery. */
typedef struct
{
  guint              row;    /* manifest row or item number */
  char              *source; /* the photo's path as given */
  char              *booking_number;
  char              *person_id; /* links bookings of one person; NULL: own subject */
  char              *label;     /* subject label: folder or "last, first" */
  char              *last_name;
  char              *first_name;
  char              *date_of_birth;
  char              *sex;
  char              *race;
  char              *booking_date;
  char              *agency;
  char              *charge;
  char              *extra_json; /* unknown manifest columns */
  char              *photo_sha256;
  char              *mime;
  gint64             bytes;
  int                width;
  int                height;
  char              *flags; /* e.g. "MULTIPLE_FACES" */
  guint              n_faces;
  LineupFace        *face; /* the enrolled face */
  LineupRecordStatus status;
  char              *reason; /* why rejected or failed: a code */
  char              *detail; /* the specifics, for the report */
} LineupBookingRecord;

LineupBookingRecord *lineup_booking_record_new (void);
void                 lineup_booking_record_free (LineupBookingRecord *record);
void                 lineup_booking_record_set (LineupBookingRecord *record,
                                                LineupRecordStatus   status,
                                                const char          *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupBookingRecord, lineup_booking_record_free)

typedef struct
{
  gint64      subjects;
  gint64      bookings;
  gint64      photos;
  gint64      faces_enrolled;
  GHashTable *faces_excluded; /* reason code → gint64 count (boxed in a pointer) */
} LineupGalleryStats;

void lineup_gallery_stats_free (LineupGalleryStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupGalleryStats, lineup_gallery_stats_free)

/* Database thread jobs; see lineup-db.h for the pattern. */
GHashTable         *lineup_db_known_photos_sync (LineupDb *db,
                                                 GError  **error);
gboolean            lineup_db_commit_records_sync (LineupDb   *db,
                                                   LineupUser *user,
                                                   GPtrArray  *records,
                                                   gint64      import_id,
                                                   const char *model_sha256,
                                                   GError    **error);
gint64              lineup_db_import_begin_sync (LineupDb   *db,
                                                 const char *source,
                                                 const char *kind,
                                                 LineupUser *user,
                                                 GError    **error);
gboolean            lineup_db_import_end_sync (LineupDb   *db,
                                               gint64      import_id,
                                               const char *status,
                                               const char *summary_json,
                                               LineupUser *user,
                                               GError    **error);
LineupGalleryStats *lineup_db_gallery_stats_sync (LineupDb *db,
                                                  GError  **error);
void                lineup_db_gallery_stats_async (LineupDb           *db,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
LineupGalleryStats *lineup_db_gallery_stats_finish (LineupDb     *db,
                                                    GAsyncResult *result,
                                                    GError      **error);
/* The booking, its subject, photo and faces as JSON (NULL: not found). */
JsonNode *lineup_db_booking_show_sync (LineupDb   *db,
                                       LineupUser *user,
                                       const char *booking_number,
                                       GError    **error);
/* Removes the booking's photo rows, faces and descriptors and records the
 * purge (no biometric data). Returns the photo sha256s whose bytes the
 * caller must now remove from the content store. */
GStrv lineup_db_booking_purge_sync (LineupDb   *db,
                                    const char *booking_number,
                                    const char *reason,
                                    LineupUser *user,
                                    GError    **error);
void  lineup_db_booking_purge_async (LineupDb           *db,
                                     const char         *booking_number,
                                     const char         *reason,
                                     LineupUser         *user,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
GStrv lineup_db_booking_purge_finish (LineupDb     *db,
                                      GAsyncResult *result,
                                      GError      **error);

G_END_DECLS

G_BEGIN_DECLS

/* One booking as the gallery grid shows it. */
typedef struct
{
  char    *booking_number;
  char    *label;
  char    *booking_date;
  char    *photo_sha256;
  char    *reasons; /* space-separated; empty when enrolled */
  char    *quality_json;
  double   box[4]; /* left, top, right, bottom; all 0 without a face */
  int      width;  /* of the stored photo, px */
  gboolean enrolled;
} LineupBookingSummary;

void lineup_booking_summary_free (LineupBookingSummary *summary);
void lineup_db_list_bookings_async (LineupDb           *db,
                                    LineupUser         *user,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
/* A GPtrArray of LineupBookingSummary, newest first. */
GPtrArray *lineup_db_list_bookings_finish (LineupDb     *db,
                                           GAsyncResult *result,
                                           GError      **error);

/* The stored photo, scaled so its longer side is at most max_side (0: full
 * size), as packed RGB. Runs anywhere; does file I/O and decoding. */
GBytes *lineup_store_load_rgb (const char *data_dir,
                               const char *sha256,
                               int         max_side,
                               int        *width,
                               int        *height,
                               GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/* Every enrolled face of one model, for the search index; with
 * include_excluded (a policy choice) also the faces kept out for quality. */
typedef struct _LineupIndex LineupIndex;
LineupIndex                *lineup_db_load_index_sync (LineupDb   *db,
                                                       const char *model_id,
                                                       gboolean    include_excluded,
                                                       GError    **error);
/* face id → subject label, for reporting hits. */
GHashTable *lineup_db_face_labels_sync (LineupDb *db,
                                        GError  **error);

G_END_DECLS
