/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-accounts.h: accounts, sign-in and the audit log (database thread
 * jobs; see lineup-db.h for the async/sync pattern).
 *
 * Sign-in failures count per account; from the 5th failure on the account
 * is locked for 30 s, doubling with every further failure (at most one
 * hour). Sign-ins, failures, locks, sign-outs and idle locks are audited.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-db.h"
#include "lineup-user.h"

G_BEGIN_DECLS

#define LINEUP_SIGNIN_FREE_FAILURES 4

/* How many accounts exist (the first run has none). */
gint64 lineup_db_count_users_sync (LineupDb *db,
                                   GError  **error);
void   lineup_db_count_users_async (LineupDb           *db,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gint64 lineup_db_count_users_finish (LineupDb     *db,
                                     GAsyncResult *result,
                                     GError      **error);

/* Creates the first administrator (with extra roles if asked, e.g. a
 * one-person workstation that also imports and searches). Refused once any
 * account exists. Returns the signed-in user. */
LineupUser *lineup_db_user_init_sync (LineupDb   *db,
                                      const char *name,
                                      const char *display_name,
                                      const char *password,
                                      LineupRoles extra_roles,
                                      GError    **error);
void        lineup_db_user_init_async (LineupDb           *db,
                                       const char         *name,
                                       const char         *display_name,
                                       const char         *password,
                                       LineupRoles         extra_roles,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
LineupUser *lineup_db_user_init_finish (LineupDb     *db,
                                        GAsyncResult *result,
                                        GError      **error);

/* Errors: LINEUP_ERROR_AUTH (wrong name or password; one message for both),
 * LINEUP_ERROR_LOCKED (message says for how long), LINEUP_ERROR_FORBIDDEN
 * (disabled account). */
LineupUser *lineup_db_sign_in_sync (LineupDb   *db,
                                    const char *name,
                                    const char *password,
                                    GError    **error);
void        lineup_db_sign_in_async (LineupDb           *db,
                                     const char         *name,
                                     const char         *password,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
LineupUser *lineup_db_sign_in_finish (LineupDb     *db,
                                      GAsyncResult *result,
                                      GError      **error);

/* Audit-only events of a session: "session.sign_out", "session.idle_lock".
 * Fire and forget (errors are logged). */
void lineup_db_session_event (LineupDb   *db,
                              LineupUser *user,
                              const char *action);

LineupUser *lineup_db_user_add_sync (LineupDb   *db,
                                     LineupUser *actor,
                                     const char *name,
                                     const char *display_name,
                                     LineupRoles roles,
                                     const char *password,
                                     GError    **error);
void        lineup_db_user_add_async (LineupDb           *db,
                                      LineupUser         *actor,
                                      const char         *name,
                                      const char         *display_name,
                                      LineupRoles         roles,
                                      const char         *password,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
LineupUser *lineup_db_user_add_finish (LineupDb     *db,
                                       GAsyncResult *result,
                                       GError      **error);
gboolean    lineup_db_user_disable_sync (LineupDb   *db,
                                         LineupUser *actor,
                                         const char *name,
                                         gboolean    disabled,
                                         GError    **error);
void        lineup_db_user_disable_async (LineupDb           *db,
                                          LineupUser         *actor,
                                          const char         *name,
                                          gboolean            disabled,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
gboolean    lineup_db_user_disable_finish (LineupDb     *db,
                                           GAsyncResult *result,
                                           GError      **error);
/* [{"id","name","display_name","roles":"…","disabled","locked_until",
 *   "failed_signins","created_at"}] */
JsonNode *lineup_db_user_list_sync (LineupDb   *db,
                                    LineupUser *actor,
                                    GError    **error);
void      lineup_db_user_list_async (LineupDb           *db,
                                     LineupUser         *actor,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
JsonNode *lineup_db_user_list_finish (LineupDb     *db,
                                      GAsyncResult *result,
                                      GError      **error);

/* Audits a refusal decided before a database operation was reached (a
 * composite sketch offered as a probe, say), so that every refused action is
 * in the log. */
gboolean lineup_db_audit_refusal_sync (LineupDb   *db,
                                       LineupUser *actor,
                                       const char *object_type,
                                       const char *object_id,
                                       const char *reason,
                                       GError    **error);

/* Audit log */

typedef struct
{
  gboolean intact;
  gint64   entries;
  gint64   first_broken; /* seq of the first entry that fails, or 0 */
  char    *problem;      /* what is wrong there, or NULL */
  char    *head_hash;    /* hash of the last intact entry (genesis: 64 '0') */
  gint64   head_seq;
  char    *head_ts;
} LineupAuditVerdict;

void lineup_audit_verdict_free (LineupAuditVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LineupAuditVerdict, lineup_audit_verdict_free)

/* Walks the whole chain from the genesis entry. No acting user needed: an
 * outside party holding the chain head must be able to check it. */
LineupAuditVerdict *lineup_db_audit_verify_sync (LineupDb *db,
                                                 GError  **error);
void                lineup_db_audit_verify_async (LineupDb           *db,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
LineupAuditVerdict *lineup_db_audit_verify_finish (LineupDb     *db,
                                                   GAsyncResult *result,
                                                   GError      **error);

/* The stored hash of entry seq (for checking a head held outside). */
char *lineup_db_audit_hash_at_sync (LineupDb *db,
                                    gint64    seq,
                                    GError  **error);

typedef struct
{
  char *since;  /* ISO 8601 date or date-time, inclusive; NULL: all */
  char *until;  /* exclusive */
  char *user;   /* exact user name */
  char *action; /* prefix, e.g. "search" matches "search.run" */
  char *case_number;
  guint limit; /* 0: no limit */
} LineupAuditFilter;

void lineup_audit_filter_clear (LineupAuditFilter *filter);

/* Entries oldest first: [{"seq","ts","user","action","object_type",
 * "object_id","details":{…},"prev_hash","hash"}]. Needs VIEW_AUDIT; the
 * export itself is audited ("audit.export"). */
JsonNode *lineup_db_audit_list_sync (LineupDb                *db,
                                     LineupUser              *actor,
                                     const LineupAuditFilter *filter,
                                     GError                 **error);
void      lineup_db_audit_list_async (LineupDb                *db,
                                      LineupUser              *actor,
                                      const LineupAuditFilter *filter,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
JsonNode *lineup_db_audit_list_finish (LineupDb     *db,
                                       GAsyncResult *result,
                                       GError      **error);

/* Policy (settings table): the search limits users cannot loosen. */
typedef struct
{
  guint  top_k_default;      /* 20 */
  guint  top_k_cap;          /* 50 */
  double threshold_default;  /* 0.6 distance */
  double threshold_max;      /* the floor on strictness: no search may use a
                              * larger distance; 0 = no floor */
  gboolean include_excluded; /* search faces kept out for quality too */
} LineupPolicy;

gboolean lineup_db_policy_get_sync (LineupDb     *db,
                                    LineupPolicy *policy,
                                    GError      **error);
void     lineup_db_policy_get_async (LineupDb           *db,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean lineup_db_policy_get_finish (LineupDb     *db,
                                      GAsyncResult *result,
                                      LineupPolicy *policy,
                                      GError      **error);
gboolean lineup_db_policy_set_sync (LineupDb   *db,
                                    LineupUser *actor,
                                    const char *key,
                                    const char *value,
                                    GError    **error);
void     lineup_db_policy_set_async (LineupDb           *db,
                                     LineupUser         *actor,
                                     const char         *key,
                                     const char         *value,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean lineup_db_policy_set_finish (LineupDb     *db,
                                      GAsyncResult *result,
                                      GError      **error);
/* [{"code","label","search_allowed"}] — anyone signed in may read. */
JsonNode *lineup_db_offences_list_sync (LineupDb *db,
                                        GError  **error);
void      lineup_db_offences_list_async (LineupDb           *db,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
JsonNode *lineup_db_offences_list_finish (LineupDb     *db,
                                          GAsyncResult *result,
                                          GError      **error);
gboolean  lineup_db_offence_set_sync (LineupDb   *db,
                                      LineupUser *actor,
                                      const char *code,
                                      const char *label,
                                      gboolean    search_allowed,
                                      GError    **error);
void      lineup_db_offence_set_async (LineupDb           *db,
                                       LineupUser         *actor,
                                       const char         *code,
                                       const char         *label,
                                       gboolean            search_allowed,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean  lineup_db_offence_set_finish (LineupDb     *db,
                                        GAsyncResult *result,
                                        GError      **error);

G_END_DECLS
