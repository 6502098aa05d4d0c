/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-faiss.h: FAISS IndexFlatL2 and IndexScalarQuantizer (8-bit)
 * behind a C API, for the search benchmark only (Debian's libfaiss-dev has
 * no C API of its own). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LineupFaiss LineupFaiss;

LineupFaiss *lineup_faiss_new (int      dim,
                               GError **error);
/* IndexScalarQuantizer with QT_8bit: train it before adding. */
LineupFaiss *lineup_faiss_new_sq8 (int      dim,
                                   GError **error);
gboolean     lineup_faiss_train (LineupFaiss *index,
                                 const float *data,
                                 gint64       n,
                                 GError     **error);
gboolean     lineup_faiss_add (LineupFaiss *index,
                               const float *data,
                               gint64       n,
                               GError     **error);
/* k nearest of one query: squared distances and row numbers. */
gboolean lineup_faiss_search (LineupFaiss *index,
                              const float *query,
                              int          k,
                              float       *distances,
                              gint64      *labels,
                              GError     **error);
void     lineup_faiss_free (LineupFaiss *index);

G_END_DECLS
