/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-report.h: the investigative lead report (PDF, cairo) and the
 * disclosure package, both made from a case dossier
 * (lineup_db_case_dossier). Pure: no database access, runs anywhere. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lineup-dossier.h"

G_BEGIN_DECLS

/* Writes the PDF. data_dir is where probes (DATA/probes/) and gallery
 * photos (the content store) are read from. */
gboolean lineup_report_write_pdf (LineupDossier *dossier,
                                  const char    *data_dir,
                                  const char    *pdf_path,
                                  GError       **error);

/* Writes a folder: lead-report.pdf, dossier.json (lineup_dossier_to_json),
 * probes/<sha>-original.<ext> and probes/<sha>-edit-<seq>.png for each edit
 * step, MISSING.txt naming anything that could not be included (a purged or
 * unreadable original), and SHA256SUMS over every file in it. The folder
 * must not exist or be empty. */
gboolean lineup_report_write_disclosure (LineupDossier *dossier,
                                         const char    *data_dir,
                                         const char    *folder,
                                         GError       **error);

/* The same for a dossier as JSON (read back from a file, or made by hand),
 * parsed with lineup_dossier_new_from_json: INVALID_ARGUMENT when it is not
 * an object. */
gboolean lineup_report_write_pdf_from_json (JsonNode   *dossier,
                                            const char *data_dir,
                                            const char *pdf_path,
                                            GError    **error);
gboolean lineup_report_write_disclosure_from_json (JsonNode   *dossier,
                                                   const char *data_dir,
                                                   const char *folder,
                                                   GError    **error);

G_END_DECLS
