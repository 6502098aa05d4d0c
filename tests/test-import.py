#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Booking-photo import from the CLI, checked in the database itself:
manifest parsing and validation, dedupe, reports, purge, and crash safety
(kill -9 at random points, then resume)."""
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

CLI = os.environ["LINEUP_CLI"]
FACES = os.environ["LINEUP_FACES_DIR"]
LFW = os.path.join(FACES, "lfw-devtrain")


# The import and purge run as a signed-in clerk (the core refuses anyone else).
os.environ["LINEUP_USER"] = "clerk"
os.environ["LINEUP_PASSWORD"] = "clerk-password"


def init_user(data):
    subprocess.run([CLI, "--data-dir", data, "user", "init", "--name", "clerk", "--also", "clerk"],
                   env=dict(os.environ, LINEUP_NEW_PASSWORD="clerk-password"),
                   capture_output=True, text=True, check=True)


def run(data, *args, check=True):
    r = subprocess.run([CLI, "--data-dir", data, *args], capture_output=True, text=True,
                       timeout=600)
    if check and r.returncode != 0:
        raise AssertionError(f"{args}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


def lfw_images(n, per_person=1):
    out = []
    for person in sorted(os.listdir(LFW)):
        d = os.path.join(LFW, person)
        if not os.path.isdir(d):
            continue
        files = sorted(f for f in os.listdir(d) if f.endswith(".jpg"))[:per_person]
        out += [os.path.join(d, f) for f in files]
        if len(out) >= n:
            return out[:n]
    return out


class ImportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="lineup-import-")
        self.data = os.path.join(self.tmp.name, "data")
        init_user(self.data)

    def tearDown(self):
        self.tmp.cleanup()

    def db(self):
        return sqlite3.connect(os.path.join(self.data, "lineup.db"))

    def test_manifest(self):
        imgs = lfw_images(6)
        gray = os.path.join(self.tmp.name, "blank.png")
        subprocess.run(["convert", "-size", "300x300", "xc:gray", gray], check=True)
        notes = os.path.join(self.tmp.name, "notes.jpg")
        with open(notes, "w") as f:
            f.write("not an image\n")
        manifest = os.path.join(self.tmp.name, "bookings.csv")
        rows = [
            ["booking_number", "photo", "person_id", "booking_date", "last_name", "first_name",
             "tattoos"],
            ["B-1", imgs[0], "P-1", "2024-01-02", "Doe", "John", 'left arm, "rose"'],
            ["B-2", imgs[1], "P-1", "2024-03-04", "Doe", "John", "line one\nline two"],
            ["B-3", imgs[2], "", "2024-13-40", "Roe", "Rick", ""],          # malformed date
            ["B-4", os.path.join(self.tmp.name, "missing.jpg"), "", "", "", "", ""],
            ["B-5", notes, "", "", "", "", ""],                            # not an image
            ["B-6", gray, "", "", "", "", ""],                             # no face
            ["B-1", imgs[3], "", "", "", "", ""],                          # booking number reused
            ["B-7", imgs[0], "", "", "", "", ""],                          # same photo again
            ["", imgs[4], "", "", "", "", ""],                             # missing field
            ["B-8", imgs[5], "", "", "Moe", "", ""],
        ]
        with open(manifest, "w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f).writerows(rows)
            f.write("B-9,only two fields\n")                              # wrong field count
        report = os.path.join(self.tmp.name, "report.csv")
        r = run(self.data, "import", manifest, "--json", "--report", report, "--workers", "2")
        s = json.loads(r.stdout)
        self.assertEqual(s["imported"], 3, s)
        self.assertEqual(s["duplicates"], 1, s)
        self.assertEqual(s["rejected"], {"MALFORMED_DATE": 1, "MISSING_FILE": 1,
                                         "UNREADABLE_IMAGE": 1, "NO_FACE": 1,
                                         "DUPLICATE_BOOKING_NUMBER": 1, "MISSING_FIELD": 1,
                                         "BAD_ROW": 1}, s)
        self.assertEqual(s["failed"], 0)
        self.assertIn("seconds", s)

        with open(report, newline="") as f:
            rep = list(csv.DictReader(f))
        self.assertEqual(len(rep), 11)
        by_num = {row["booking_number"]: row for row in rep if row["booking_number"]}
        self.assertEqual(by_num["B-3"]["reason"], "MALFORMED_DATE")
        self.assertEqual(by_num["B-6"]["status"], "rejected")
        self.assertEqual(by_num["B-6"]["faces"], "0")
        self.assertEqual(by_num["B-7"]["status"], "duplicate")
        # The row number points at the line where the record starts (header = 1;
        # B-2's quoted field spans two lines, so B-3 starts on line 5).
        self.assertEqual(by_num["B-3"]["row"], "5")

        con = self.db()
        # Two bookings of P-1 are one subject; B-8 is its own.
        self.assertEqual(con.execute("SELECT count(*) FROM subjects").fetchone()[0], 2)
        label, extra = con.execute(
            "SELECT s.label, b.extra_json FROM bookings b JOIN subjects s ON s.id = b.subject_id"
            " WHERE booking_number = 'B-2'").fetchone()
        self.assertEqual(label, "Doe, John")
        self.assertEqual(json.loads(extra), {"tattoos": "line one\nline two"})
        extra1 = con.execute("SELECT extra_json FROM bookings WHERE booking_number='B-1'").fetchone()[0]
        self.assertEqual(json.loads(extra1), {"tattoos": 'left arm, "rose"'})
        # Each photo: bytes in the store, one face with a 128-float descriptor.
        for sha, n, dlen, model in con.execute(
                "SELECT p.sha256, count(f.id), length(f.descriptor), f.model_id FROM photos p"
                " LEFT JOIN faces f ON f.photo_id = p.id GROUP BY p.id"):
            self.assertEqual(n, 1)
            self.assertEqual(dlen, 128 * 4)
            self.assertTrue(model.startswith("dlib_face_recognition_resnet_model_v1"))
            self.assertTrue(os.path.isfile(os.path.join(self.data, "store", sha[:2], sha)))
        self.assertEqual(con.execute(
            "SELECT count(*) FROM audit_log WHERE action IN ('import.start','import.end')"
        ).fetchone()[0], 2)

        st = json.loads(run(self.data, "gallery", "stats", "--json").stdout)
        self.assertEqual((st["subjects"], st["bookings"], st["photos"]), (2, 3, 3))
        self.assertEqual(st["faces_enrolled"] + sum(st["faces_excluded"].values()) >= 3, True)
        self.assertEqual(len(st["model"]["sha256"]), 64)

        # Re-importing is a no-op reported as duplicates.
        s2 = json.loads(run(self.data, "import", manifest, "--json", "--report", report).stdout)
        self.assertEqual(s2["imported"], 0)
        self.assertEqual(s2["duplicates"], 4)   # B-1, B-2, B-8 and the B-7 copy
        self.assertEqual(con.execute("SELECT count(*) FROM photos").fetchone()[0], 3)

        # Purge leaves no biometric data behind, only the record of the purge.
        show = json.loads(run(self.data, "booking", "show", "B-2").stdout)
        sha = show["photos"][0]["sha256"]
        r = run(self.data, "booking", "purge", "B-2", check=False)
        self.assertEqual(r.returncode, 2)                  # --reason is required
        run(self.data, "booking", "purge", "B-2", "--reason", "court order 2024-77 (sealed)")
        self.assertFalse(os.path.exists(os.path.join(self.data, "store", sha[:2], sha)))
        self.assertEqual(con.execute("SELECT count(*) FROM photos WHERE sha256=?", (sha,)).fetchone()[0], 0)
        self.assertEqual(con.execute("SELECT count(*) FROM bookings WHERE booking_number='B-2'").fetchone()[0], 0)
        self.assertEqual(con.execute("SELECT count(*) FROM faces").fetchone()[0], 2)
        self.assertEqual(con.execute("SELECT reason FROM purges").fetchone()[0], "court order 2024-77 (sealed)")
        details = con.execute("SELECT details_json FROM audit_log WHERE action='booking.purge'").fetchone()[0]
        self.assertNotIn("descriptor", details)
        r = run(self.data, "booking", "show", "B-2", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("B-2", r.stderr)
        r = run(self.data, "booking", "purge", "NOPE", "--reason", "x", check=False)
        self.assertEqual(r.returncode, 1)

    def test_folder_and_bad_sources(self):
        r = run(self.data, "import", os.path.join(self.tmp.name, "nothing-here"), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("nothing-here", r.stderr)
        empty = os.path.join(self.tmp.name, "empty")
        os.makedirs(empty)
        r = run(self.data, "import", empty, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no photos", r.stderr)
        bad = os.path.join(self.tmp.name, "bad.csv")
        with open(bad, "w") as f:
            f.write("name,file\nx,y\n")
        r = run(self.data, "import", bad, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("booking_number", r.stderr)

        s = json.loads(run(self.data, "import", os.path.join(FACES, "faceapi-bbt"), "--json",
                           "--report", os.path.join(self.tmp.name, "r.csv")).stdout)
        self.assertEqual(s["imported"] + s["duplicates"] + sum(s["rejected"].values()), 40)
        self.assertGreaterEqual(s["imported"], 30)
        con = self.db()
        self.assertEqual(con.execute("SELECT count(*) FROM subjects").fetchone()[0], 8)
        self.assertEqual(con.execute(
            "SELECT count(DISTINCT s.label) FROM subjects s").fetchone()[0], 8)

    def test_kill_and_resume(self):
        imgs = lfw_images(120, per_person=2)
        manifest = os.path.join(self.tmp.name, "many.csv")
        with open(manifest, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["booking_number", "photo", "person_id"])
            for i, p in enumerate(imgs):
                w.writerow([f"K-{i:04d}", p, os.path.basename(os.path.dirname(p))])
        rnd = random.Random(1234)
        report = os.path.join(self.tmp.name, "r.csv")
        for attempt in range(4):
            proc = subprocess.Popen([CLI, "--data-dir", self.data, "import", manifest, "--json",
                                     "--report", report],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0.8, 2.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            con = self.db()
            self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            # Nothing half-imported: every photo has its booking and its face.
            self.assertEqual(con.execute(
                "SELECT count(*) FROM photos p WHERE NOT EXISTS"
                " (SELECT 1 FROM faces f WHERE f.photo_id = p.id AND length(f.descriptor) = 512)"
            ).fetchone()[0], 0)
            self.assertEqual(con.execute(
                "SELECT count(*) FROM bookings b WHERE NOT EXISTS"
                " (SELECT 1 FROM photos p WHERE p.booking_id = b.id)").fetchone()[0], 0)
            for (sha,) in con.execute("SELECT sha256 FROM photos"):
                self.assertTrue(os.path.isfile(os.path.join(self.data, "store", sha[:2], sha)))
            con.close()
        s = json.loads(run(self.data, "import", manifest, "--json", "--report", report).stdout)
        con = self.db()
        n = con.execute("SELECT count(*) FROM photos").fetchone()[0]
        self.assertEqual(n, len(imgs))
        self.assertEqual(s["imported"] + s["duplicates"], len(imgs))
        self.assertEqual(con.execute("SELECT count(DISTINCT booking_number) FROM bookings").fetchone()[0], len(imgs))
        self.assertEqual(con.execute("SELECT count(*) FROM faces").fetchone()[0], len(imgs))


if __name__ == "__main__":
    unittest.main(verbosity=2)
