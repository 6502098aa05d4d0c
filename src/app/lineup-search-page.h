/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-search-page.h: the detective's search workspace — the case and
 * purpose gate, the probe with its recorded edits, the search, and the
 * lineup with side-by-side comparison and the decision on each candidate. */
#pragma once

#include <adwaita.h>

#include "lineup-core.h"
#include "lineup-session.h"

G_BEGIN_DECLS

/* What the page shows and can do (property "state"). */
typedef enum
{
  LINEUP_SEARCH_STATE_NO_CASE,
  LINEUP_SEARCH_STATE_NO_PROBE,
  LINEUP_SEARCH_STATE_LOADING, /* decoding, storing, detecting or recording an edit */
  LINEUP_SEARCH_STATE_READY,   /* a probe is shown */
  LINEUP_SEARCH_STATE_SEARCHING,
  LINEUP_SEARCH_STATE_NO_HIT,
  LINEUP_SEARCH_STATE_LINEUP,
} LineupSearchState;

#define LINEUP_TYPE_SEARCH_STATE (lineup_search_state_get_type ())
GType lineup_search_state_get_type (void);

#define LINEUP_TYPE_SEARCH_PAGE (lineup_search_page_get_type ())
G_DECLARE_FINAL_TYPE (LineupSearchPage, lineup_search_page, LINEUP, SEARCH_PAGE, GtkWidget)

/* Works with the session's database, data folder, settings and signed-in
 * user (the construct-only "session" property). */
GtkWidget *lineup_search_page_new (LineupSession *session);

/* Properties (read-only, notified):
 * "state": a LineupSearchState;
 * "subtitle": the case for the header bar ("Case 2024-17 · Robbery"; ""
 *   without a case). */
LineupSearchState lineup_search_page_get_state_value (LineupSearchPage *self);
/* The state's nick: "no-case", "no-probe", "loading", "ready",
 * "searching", "no-hit" or "lineup". */
const char *lineup_search_page_get_state (LineupSearchPage *self);
const char *lineup_search_page_get_subtitle (LineupSearchPage *self);
const char *lineup_search_page_get_case_number (LineupSearchPage *self);

/* Reloads the open cases (also done whenever the page is shown). */
void lineup_search_page_reload_cases (LineupSearchPage *self);
/* The case to work in, as lineup_db_case_new/list return it. */
void lineup_search_page_set_case (LineupSearchPage *self,
                                  LineupCase       *kase);
/* Opens the case with this number (looked up off the main thread), as the
 * audit page's Open does. */
void lineup_search_page_open_case (LineupSearchPage *self,
                                   const char       *number);
/* Opens the "New Case" form. */
void lineup_search_page_new_case (LineupSearchPage *self);

void lineup_search_page_set_source (LineupSearchPage *self,
                                    LineupProbeSource source);
/* Refused (with a message) without a case or a declared source. */
void  lineup_search_page_load_probe (LineupSearchPage *self,
                                     GFile            *file);
guint lineup_search_page_get_n_faces (LineupSearchPage *self);
void  lineup_search_page_select_face (LineupSearchPage *self,
                                      int               index);
int   lineup_search_page_get_selected_face (LineupSearchPage *self);

/* The lineup: LineupCandidateItem, best rank first, one per person. */
GListModel *lineup_search_page_get_candidates (LineupSearchPage *self);
void        lineup_search_page_show_candidate (LineupSearchPage *self,
                                               guint             position);
gint64      lineup_search_page_get_search_id (LineupSearchPage *self);

G_END_DECLS
