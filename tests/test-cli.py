#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""lineup-cli as a script sees it: exit codes, --help, --version, db info."""
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ["LINEUP_CLI"]


def run(*args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=e, timeout=60)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="lineup-cli-")
        self.data = os.path.join(self.tmp.name, "data")

    def tearDown(self):
        self.tmp.cleanup()

    def test_version(self):
        r = run("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^lineup \d+\.\d+\.\d+ \(OpenCV 4\.\d+\.\d+, dlib 19\.\d+")

    def test_help(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("db info", r.stdout)
        r = run("db", "info", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--json", r.stdout)
        self.assertIn("--data-dir", r.stdout)

    def test_usage_errors_exit_2(self):
        for args in (["frobnicate"], [], ["--bogus"], ["db", "info", "--bogus"],
                     ["db", "info", "extra-arg"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, f"{args}: {r.stdout} {r.stderr}")
            self.assertTrue(r.stderr.strip(), f"{args} printed no error")

    def test_db_info_json_creates_database(self):
        r = run("--data-dir", self.data, "db", "info", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        info = json.loads(r.stdout)
        self.assertEqual(info["path"], os.path.join(self.data, "lineup.db"))
        self.assertGreaterEqual(info["schema_version"], 3)
        self.assertEqual(info["schema_version"], info["schema_latest"])
        self.assertEqual(info["journal_mode"], "wal")
        self.assertTrue(info["foreign_keys"])
        for key in ("subjects", "bookings", "photos", "faces", "cases", "searches", "users",
                    "audit_entries"):
            self.assertEqual(info["counts"][key], 0, key)
        self.assertTrue(os.path.isfile(info["path"]))
        # Private: biometric data lives here.
        self.assertEqual(os.stat(self.data).st_mode & 0o777, 0o700)

    def test_db_info_env_and_option_agree(self):
        r1 = run("db", "info", "--json", env={"LINEUP_DATA_DIR": self.data})
        r2 = run("db", "info", "--json", "--data-dir", self.data)
        self.assertEqual(r1.returncode, 0, r1.stderr)
        self.assertEqual(json.loads(r1.stdout)["path"], json.loads(r2.stdout)["path"])

    def test_db_info_default_is_xdg_data_home(self):
        env = {"XDG_DATA_HOME": self.tmp.name, "LINEUP_DATA_DIR": ""}
        r = run("db", "info", "--json", env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["path"],
                         os.path.join(self.tmp.name, "lineup", "lineup.db"))

    def test_db_info_text(self):
        r = run("--data-dir", self.data, "db", "info")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Schema version:", r.stdout)

    def test_data_dir_is_a_file_fails_clearly(self):
        path = os.path.join(self.tmp.name, "plainfile")
        with open(path, "w") as f:
            f.write("x")
        r = run("--data-dir", path, "db", "info")
        self.assertEqual(r.returncode, 1)
        self.assertIn(path, r.stderr)

    def test_corrupt_database_fails_clearly(self):
        os.makedirs(self.data)
        db = os.path.join(self.data, "lineup.db")
        with open(db, "wb") as f:
            f.write(b"\x00garbage" * 100)
        r = run("--data-dir", self.data, "db", "info", "--json")
        self.assertEqual(r.returncode, 1)
        self.assertIn(db, r.stderr)
        self.assertEqual(r.stdout, "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
