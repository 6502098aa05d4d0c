/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lineup-store.h: the content-addressed store of original photo bytes. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char    *lineup_store_path (const char *data_dir,
                            const char *sha256);
gboolean lineup_store_put (const char *data_dir,
                           const char *sha256,
                           GBytes     *bytes,
                           GError    **error);
gboolean lineup_store_remove (const char *data_dir,
                              const char *sha256,
                              GError    **error);

G_END_DECLS
