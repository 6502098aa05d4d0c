/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-probe-step.h: one recorded edit of a probe (crop, rotate, mirror,
 * brightness/contrast), as a probe session lists them. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LINEUP_TYPE_PROBE_STEP (lineup_probe_step_get_type ())
G_DECLARE_FINAL_TYPE (LineupProbeStep, lineup_probe_step, LINEUP, PROBE_STEP, GObject)

/* params is referenced; created may be NULL (now). */
LineupProbeStep *lineup_probe_step_new (gint64      seq,
                                        const char *op,
                                        JsonObject *params,
                                        const char *user_name,
                                        GDateTime  *created);
gint64           lineup_probe_step_get_seq (LineupProbeStep *self);
const char      *lineup_probe_step_get_op (LineupProbeStep *self);
JsonObject      *lineup_probe_step_get_params (LineupProbeStep *self);
const char      *lineup_probe_step_get_user_name (LineupProbeStep *self);
/* When it was recorded, local time. */
GDateTime *lineup_probe_step_get_created (LineupProbeStep *self);
/* {"op","params","seq"}, as lineup_probe_apply_edits takes it. */
JsonObject *lineup_probe_step_to_json (LineupProbeStep *self);

G_END_DECLS
