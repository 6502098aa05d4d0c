/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-faiss.cpp: FAISS for the search benchmark; exceptions become GErrors. */
#include "lineup-faiss.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexScalarQuantizer.h>

#include <memory>
#include <vector>
#include <stdexcept>

struct _LineupFaiss
{
  std::unique_ptr<faiss::Index> index;
};

static gboolean
fail (GError **error, const char *what)
{
  g_set_error (error, g_quark_from_static_string ("lineup-faiss"), 0, "FAISS: %s", what);
  return FALSE;
}

extern "C" {

LineupFaiss *
lineup_faiss_new (int      dim,
                  GError **error)
{
  try
    {
      auto *f = new _LineupFaiss;
      f->index.reset (new faiss::IndexFlatL2 (dim));
      return f;
    }
  catch (const std::exception &e)
    {
      fail (error, e.what ());
      return nullptr;
    }
}

LineupFaiss *
lineup_faiss_new_sq8 (int      dim,
                      GError **error)
{
  try
    {
      auto *f = new _LineupFaiss;
      f->index.reset (new faiss::IndexScalarQuantizer (dim, faiss::ScalarQuantizer::QT_8bit, faiss::METRIC_L2));
      return f;
    }
  catch (const std::exception &e)
    {
      fail (error, e.what ());
      return nullptr;
    }
}

gboolean
lineup_faiss_train (LineupFaiss *f,
                    const float *data,
                    gint64       n,
                    GError     **error)
{
  try
    {
      f->index->train (n, data);
      return TRUE;
    }
  catch (const std::exception &e)
    {
      return fail (error, e.what ());
    }
}

gboolean
lineup_faiss_add (LineupFaiss *f,
                  const float *data,
                  gint64       n,
                  GError     **error)
{
  try
    {
      f->index->add (n, data);
      return TRUE;
    }
  catch (const std::exception &e)
    {
      return fail (error, e.what ());
    }
}

gboolean
lineup_faiss_search (LineupFaiss *f,
                     const float *query,
                     int          k,
                     float       *distances,
                     gint64      *labels,
                     GError     **error)
{
  try
    {
      std::vector<faiss::Index::idx_t> l (k);
      f->index->search (1, query, k, distances, l.data ());
      for (int i = 0; i < k; i++)
        labels[i] = l[i];
      return TRUE;
    }
  catch (const std::exception &e)
    {
      return fail (error, e.what ());
    }
}

void
lineup_faiss_free (LineupFaiss *f)
{
  delete f;
}

} /* extern "C" */
