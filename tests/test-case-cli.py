#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The detective's and the supervisor's work through lineup-cli, as a script
sees it: accounts, the purpose gate, search JSON, decisions, reviews, the
audit chain (verify, export, a held head) and the lead report of a real
search rendered with pdftoppm."""
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

CLI = os.environ["LINEUP_CLI"]
LFW = os.path.join(os.environ["LINEUP_FACES_DIR"], "lfw-devtrain")
PEOPLE = ["Aaron_Peirsol", "Aaron_Sorkin", "Abdoulaye_Wade", "Adam_Sandler", "Abel_Pacheco",
          "Adam_Scott", "Abdullah", "Adolfo_Aguilar_Zinser"]
PASSWORDS = {"admin": "admin-password", "clerk": "clerk-password",
             "det": "detective-password", "sup": "supervisor-password"}


def photo(person, n):
    d = os.path.join(LFW, person)
    return os.path.join(d, sorted(os.listdir(d))[n])


class CaseCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lineup-case-cli-")
        cls.data = os.path.join(cls.tmp.name, "data")
        cls.cli("admin", "user", "init", "--name", "admin", new_password=PASSWORDS["admin"], user=None)
        for name, role in (("clerk", "clerk"), ("det", "detective"), ("sup", "supervisor")):
            cls.cli("admin", "user", "add", name, "--role", role, new_password=PASSWORDS[name])
        src = os.path.join(cls.tmp.name, "gallery")
        for p in PEOPLE:
            os.makedirs(os.path.join(src, p))
            os.symlink(photo(p, 0), os.path.join(src, p, os.path.basename(photo(p, 0))))
        cls.cli("clerk", "import", src, "--json")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, who, *args, check=True, new_password=None, user="", password=None):
        env = dict(os.environ)
        env.pop("LINEUP_USER", None)
        env["LINEUP_PASSWORD"] = password if password is not None else PASSWORDS.get(who, "")
        if new_password:
            env["LINEUP_NEW_PASSWORD"] = new_password
        cmd = [CLI, "--data-dir", cls.data]
        if user is not None:
            cmd += ["--user", who]
        r = subprocess.run(cmd + list(args), capture_output=True, text=True, env=env, timeout=300)
        if check and r.returncode != 0:
            raise AssertionError(f"{who} {args}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    def db(self):
        return sqlite3.connect(os.path.join(self.data, "lineup.db"))

    def refused_count(self, user):
        return self.db().execute("SELECT count(*) FROM audit_log WHERE action = 'refused' AND user_name = ?",
                                 (user,)).fetchone()[0]

    def test_1_purpose_gate(self):
        r = self.cli("det", "case", "new", "--number", "G-1", "--offence", "robbery", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("reason", r.stderr)
        # A clerk may not open cases; the refusal is audited.
        before = self.refused_count("clerk")
        r = self.cli("clerk", "case", "new", "--number", "G-2", "--offence", "robbery", "--reason",
                     "clerks do not search", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Refused", r.stderr)
        self.assertEqual(self.refused_count("clerk"), before + 1)
        # The administrator restricts a category: no case, no search.
        self.cli("admin", "offence", "set", "traffic", "--label", "Traffic", "--no-search")
        r = self.cli("det", "case", "new", "--number", "G-3", "--offence", "traffic", "--reason",
                     "a parking offence", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("not allowed", r.stderr)
        # No search outside a case.
        r = self.cli("det", "search", "--case", "NO-SUCH", "--source", "witness", photo("Adam_Sandler", 1),
                     check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no case", r.stderr)
        r = self.cli("det", "search", "--source", "witness", photo("Adam_Sandler", 1), check=False)
        self.assertEqual(r.returncode, 2)
        # Wrong password: refused, audited, nothing done.
        r = self.cli("det", "case", "list", password="nope", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Wrong name or password", r.stderr)

    def test_2_search_decide_review_report(self):
        self.cli("det", "case", "new", "--number", "R-7", "--offence", "robbery", "--reason",
                 "Armed robbery; suspect filmed by the shop camera")
        # Composite sketches are refused by policy, and the refusal is audited.
        before = self.refused_count("det")
        r = self.cli("det", "search", "--case", "R-7", "--source", "composite_sketch",
                     photo("Adam_Sandler", 1), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("composite", r.stderr)
        self.assertEqual(self.refused_count("det"), before + 1)
        r = self.cli("det", "search", "--case", "R-7", "--source", "surveillance", "--top", "5", "--json",
                     photo("Adam_Sandler", 1))
        s = json.loads(r.stdout)
        self.assertEqual(set(s), {"search_id", "case", "model", "threshold", "candidates"})
        self.assertEqual(s["case"], "R-7")
        self.assertEqual(s["model"], "dlib_face_recognition_resnet_model_v1/chip150")
        self.assertAlmostEqual(s["threshold"], 0.6)
        self.assertGreaterEqual(len(s["candidates"]), 1)
        first = s["candidates"][0]
        self.assertEqual(set(first), {"rank", "distance", "similarity", "subject", "booking_number",
                                      "photo_sha256"})
        self.assertEqual(first["rank"], 1)
        self.assertEqual(first["subject"]["label"], "Adam_Sandler")
        self.assertAlmostEqual(first["similarity"], 1 - first["distance"] / 1.2, places=3)
        dists = [c["distance"] for c in s["candidates"]]
        self.assertEqual(dists, sorted(dists))
        self.assertTrue(all(d <= 0.6 for d in dists))
        # Over the policy cap: refused, not cut.
        r = self.cli("det", "search", "--case", "R-7", "--source", "surveillance", "--top", "500",
                     photo("Adam_Sandler", 1), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("at most 50", r.stderr)
        # A no-hit search is stored as such.
        r = self.cli("det", "search", "--case", "R-7", "--source", "social_media", "--threshold", "0.1",
                     "--json", photo("Aaron_Peirsol", 1))
        nohit = json.loads(r.stdout)
        self.assertEqual(nohit["candidates"], [])

        # Decisions need a note; a possible lead waits for a supervisor.
        r = self.cli("det", "decide", "--search", str(s["search_id"]), "--rank", "1", "--decision",
                     "possible_lead", "--note", "   ", check=False)
        self.assertEqual(r.returncode, 1)
        r = self.cli("det", "decide", "--search", str(s["search_id"]), "--rank", "1", "--decision",
                     "possible_lead", "--note", "Hairline and ears consistent", "--json")
        decision = json.loads(r.stdout)
        q = json.loads(self.cli("sup", "review", "queue", "--json").stdout)
        self.assertIn(decision["id"], [i["decision_id"] for i in q])
        cases = json.loads(self.cli("det", "case", "list", "--json").stdout)
        self.assertEqual([c["status"] for c in cases if c["number"] == "R-7"], ["lead_pending"])
        # The detective cannot review; the supervisor approves with a comment.
        r = self.cli("det", "review", "--decision", str(decision["id"]), "--approve", "--comment", "mine",
                     check=False)
        self.assertEqual(r.returncode, 1)
        r = self.cli("sup", "review", "--decision", str(decision["id"]), "--approve", "--comment",
                     "Consistent; a lead for the investigation, not an identification", "--json")
        self.assertEqual(json.loads(r.stdout)["case_status"], "lead_approved")

        # The dossier has every search, the no-hit one too.
        d = json.loads(self.cli("det", "case", "show", "R-7").stdout)
        self.assertEqual([x["no_hit"] for x in d["searches"]], [False, True])
        self.assertEqual(d["searches"][0]["decisions"][0]["review"]["verdict"], "approved")

        # The lead report of this real search, rendered.
        pdf = os.path.join(self.tmp.name, "R-7.pdf")
        self.cli("det", "report", "--case", "R-7", "--output", pdf)
        out = os.path.join(self.tmp.name, "page")
        subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, out], check=True)
        pages = sorted(f for f in os.listdir(self.tmp.name) if f.startswith("page") and f.endswith(".png"))
        self.assertGreaterEqual(len(pages), 2)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        for needle in ("R-7", first["booking_number"], "Hairline and ears consistent",
                       "not a positive identification", "No hit", "Armed robbery"):
            self.assertIn(needle, text)
        shots = os.environ.get("LINEUP_SCREENSHOT_DIR")
        if shots:
            os.makedirs(shots, exist_ok=True)
            shutil.copy(os.path.join(self.tmp.name, pages[0]), os.path.join(shots, "lead-report-cli-page1.png"))
        pkg = os.path.join(self.tmp.name, "disclosure")
        self.cli("det", "disclose", "--case", "R-7", "--output", pkg)
        subprocess.run(["sha256sum", "--strict", "-c", "SHA256SUMS"], cwd=pkg, check=True,
                       capture_output=True)
        r = self.cli("det", "disclose", "--case", "R-7", "--output", pkg, check=False)
        self.assertEqual(r.returncode, 1)

    def test_3_audit(self):
        r = self.cli("", "audit", "verify", "--json", user=None)
        v = json.loads(r.stdout)
        self.assertTrue(v["intact"])
        head = self.cli("", "audit", "head", user=None).stdout.split()[0]
        # Export for auditors: only supervisors and administrators.
        r = self.cli("det", "audit", "export", "--json", check=False)
        self.assertEqual(r.returncode, 1)
        entries = json.loads(self.cli("sup", "audit", "export", "--since", "2000-01-01", "--json").stdout)
        actions = {e["action"] for e in entries}
        for a in ("user.init", "user.add", "session.sign_in", "session.sign_in_failed", "import.start",
                  "import.end", "case.open", "probe.load", "search.run", "decision.record", "review.approve",
                  "report.export", "refused", "policy.offence"):
            self.assertIn(a, actions)
        search = next(e for e in entries if e["action"] == "search.run")
        self.assertIn("candidates", search["details"])
        self.assertIn("threshold", search["details"])
        future = json.loads(self.cli("sup", "audit", "export", "--since", "2999-01-01", "--json").stdout)
        self.assertEqual(future, [])
        r = self.cli("sup", "audit", "export", "--since", "yesterday", check=False)
        self.assertEqual(r.returncode, 1)
        only = json.loads(self.cli("sup", "audit", "export", "--action", "review", "--json").stdout)
        self.assertTrue(only and all(e["action"].startswith("review.") for e in only))
        by_case = json.loads(self.cli("sup", "audit", "export", "--case", "R-7", "--json").stdout)
        self.assertTrue(any(e["action"] == "search.run" for e in by_case))

        # The held head: a valid chain cut short is still caught.
        self.assertEqual(self.cli("", "audit", "verify", "--expect-head", head, user=None).returncode, 0)
        copy = os.path.join(self.tmp.name, "copy")
        os.makedirs(copy)
        src = sqlite3.connect(os.path.join(self.data, "lineup.db"))
        dst = sqlite3.connect(os.path.join(copy, "lineup.db"))
        src.backup(dst)
        src.close()
        seq = int(head.split(":")[0])
        dst.executescript(f"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= {seq - 2};")
        dst.close()
        r = subprocess.run([CLI, "--data-dir", copy, "audit", "verify"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0)  # alone, a truncated chain looks whole
        r = subprocess.run([CLI, "--data-dir", copy, "audit", "verify", "--expect-head", head],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"entry {seq - 2}", r.stderr)
        # And one flipped byte anywhere names its entry.
        dst = sqlite3.connect(os.path.join(copy, "lineup.db"))
        dst.executescript("DROP TRIGGER audit_log_no_update;"
                          "UPDATE audit_log SET action = 'search.ruN' WHERE seq = 3;")
        dst.close()
        r = subprocess.run([CLI, "--data-dir", copy, "audit", "verify"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("entry 3", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
