#!/usr/bin/env python3
"""Runs the CI examples of docs/ci.md against sample drafts.

Usage: python3 .ci/ci_examples.py FIGCHECK_BINARY

Pulls the YAML blocks marked `<!-- ci-example: NAME -->` and the figcheck.toml example out of
docs/ci.md, then, in scratch repositories holding a clean and a broken drafts folder:
- GitHub Actions: runs every `run:` step that calls figcheck (the install step is replaced by
  putting the built binary on PATH) and checks exit codes, annotations and the SARIF file;
- GitLab CI: runs the job's `script:` lines in order, as GitLab does;
- pre-commit: checks the config names hooks that .pre-commit-hooks.yaml defines, then runs the
  `figcheck-system` and `figcheck-facts` hooks with `pre-commit try-repo`;
- the figcheck.toml example is loaded with `figcheck config --config`.
Exit 0 when all pass, 1 on a failure, 3 when a needed tool (PyYAML, pre-commit) is missing.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = {"passed": 0, "failed": 0}


def missing(what):
    print(f"MISSING: {what}")
    sys.exit(3)


try:
    import yaml
except ImportError:
    missing("PyYAML (python3 -m pip install pre-commit brings it)")


def check(ok, what, detail=""):
    if ok:
        RESULTS["passed"] += 1
        print(f"ok: {what}")
    else:
        RESULTS["failed"] += 1
        print(f"FAILED: {what}\n{detail}")


def blocks(md):
    """{name: yaml text} for marked blocks, plus 'toml' for the first toml block."""
    out = {}
    for m in re.finditer(r"<!-- ci-example: ([\w-]+) -->\s*```yaml\n(.*?)```", md, re.S):
        out[m.group(1)] = m.group(2)
    t = re.search(r"```toml\n(.*?)```", md, re.S)
    if t:
        out["toml"] = t.group(1)
    return out


def run(cmd, cwd, env):
    p = subprocess.run(["bash", "-c", "set -e\n" + cmd], cwd=cwd, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def make_repo(base, name, drafts, env):
    repo = os.path.join(base, name)
    os.makedirs(os.path.join(repo, "drafts"))
    for d in drafts:
        shutil.copy(os.path.join(ROOT, "fixtures", "gate", "drafts", d), os.path.join(repo, "drafts", d))
    code, out = run("figcheck snapshot drafts/", repo, env)
    check(code == 0, f"{name}: figcheck snapshot writes the ledgers", out)
    for cmd in ["git init -q", "git add -A", "git -c user.name=t -c user.email=t@t commit -qm drafts"]:
        run(cmd, repo, env)
    return repo


def github(doc, clean, dirty, env):
    wf = yaml.safe_load(doc)
    steps = wf["jobs"]["figcheck"]["steps"]
    env = dict(env, **{k: str(v) for k, v in wf.get("env", {}).items()})
    runs = [s for s in steps if "run" in s and "figcheck " in s["run"] and "cargo install" not in s["run"]]
    check(len(runs) >= 3, "github: the workflow has figcheck steps", doc)
    for s in runs:
        code, out = run(s["run"], clean, env)
        check(code == 0, f"github/clean: step {s.get('name')!r} passes", out)
    for s in runs:
        code, out = run(s["run"], dirty, env)
        if "--format github" in s["run"]:
            check(code == 1, f"github/dirty: step {s.get('name')!r} fails the job", out)
            check("::error file=drafts/bad-conversion.md,line=" in out, "github/dirty: annotations point at the draft", out)
        elif "--format sarif" in s["run"]:
            check(code == 0, f"github/dirty: step {s.get('name')!r} still runs (exit zero)", out)
            with open(os.path.join(dirty, "figcheck.sarif")) as f:
                log = json.load(f)
            check(log["version"] == "2.1.0" and log["runs"][0]["results"], "github/dirty: figcheck.sarif has results", "")
            upload = [x for x in steps if "upload-sarif" in x.get("uses", "")]
            check(upload and upload[0]["with"]["sarif_file"] == "figcheck.sarif", "github: the upload step reads the SARIF file", "")
        else:
            check(code == 0, f"github/dirty: step {s.get('name')!r} (ledgers are current)", out)


def gitlab(doc, clean, dirty, env):
    job = yaml.safe_load(doc)["figcheck"]
    env = dict(env, **{k: str(v) for k, v in job.get("variables", {}).items()})
    script = job["script"]
    for repo, want in [(clean, [0] * len(script)), (dirty, [0, 1])]:
        got = []
        for line in script:
            code, out = run(line, repo, env)
            got.append(code)
            if code != 0:
                break
        check(got == want, f"gitlab/{os.path.basename(repo)}: script exit codes {got}", out)
    with open(os.path.join(dirty, "figcheck.json")) as f:
        findings = json.load(f)["findings"]
    check(findings and all(f["file"].startswith("drafts/") for f in findings), "gitlab/dirty: figcheck.json artifact", "")
    check("figcheck.json" in job["artifacts"]["paths"], "gitlab: the artifact is kept", "")


def precommit(doc, clean, dirty, env, scratch):
    cfg = yaml.safe_load(doc)
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml")) as f:
        hooks = {h["id"]: h for h in yaml.safe_load(f)}
    ids = [h["id"] for r in cfg["repos"] for h in r["hooks"]]
    check(all(i in hooks for i in ids), f"pre-commit: config hooks {ids} are defined", str(list(hooks)))
    if shutil.which("pre-commit", path=env["PATH"]) is None:
        missing("pre-commit (python3 -m pip install pre-commit)")
    env = dict(env, PRE_COMMIT_HOME=os.path.join(scratch, "pre-commit-home"))
    for hook in ["figcheck-system", "figcheck-facts"]:
        for repo, want in [(clean, 0), (dirty, None)]:
            code, out = run(f"pre-commit try-repo {ROOT} {hook} --all-files", repo, env)
            if want == 0:
                check(code == 0, f"pre-commit/{os.path.basename(repo)}: {hook} passes", out)
            elif hook == "figcheck-system":
                check(code != 0 and "conversion" in out, f"pre-commit/dirty: {hook} fails on the bad draft", out)
            else:
                check(code == 0, f"pre-commit/dirty: {hook} passes (ledgers current)", out)
    # The facts hook fails once a figure changes without a new ledger.
    path = os.path.join(clean, "drafts", "good.md")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("52 arrived", "53 arrived"))
    code, out = run(f"pre-commit try-repo {ROOT} figcheck-facts --all-files", clean, env)
    check(code != 0 and "52 → 53" in out, "pre-commit/clean: figcheck-facts fails on a stale ledger", out)
    with open(path, "w") as f:
        f.write(text)


def config_example(toml, env, scratch):
    # In its own directory: a figcheck.toml applies to everything below it.
    scratch = os.path.join(scratch, "config-example")
    os.makedirs(scratch)
    path = os.path.join(scratch, "figcheck.toml")
    with open(path, "w") as f:
        f.write(toml)
    code, out = run(f"figcheck config --config {path} .", scratch, env)
    check(code == 0 and 'breakdown = "off"' in out, "docs: the figcheck.toml example is valid", out)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(sys.argv[1])
    with open(os.path.join(ROOT, "docs", "ci.md")) as f:
        b = blocks(f.read())
    for need in ["github", "gitlab", "pre-commit", "toml"]:
        if need not in b:
            check(False, f"docs/ci.md has the {need} example", "")
    scratch = tempfile.mkdtemp(prefix="figcheck-ci-examples-")
    bindir = os.path.join(scratch, "bin")
    os.makedirs(bindir)
    os.symlink(binary, os.path.join(bindir, "figcheck"))
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1")
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    try:
        clean = make_repo(scratch, "clean", ["good.md"], env)
        dirty = make_repo(scratch, "dirty", ["good.md", "bad-conversion.md"], env)
        if "github" in b:
            github(b["github"], clean, dirty, env)
        if "gitlab" in b:
            gitlab(b["gitlab"], clean, dirty, env)
        if "toml" in b:
            config_example(b["toml"], env, scratch)
        if "pre-commit" in b:
            precommit(b["pre-commit"], clean, dirty, env, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"ci examples: {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


if __name__ == "__main__":
    main()
