#!/usr/bin/env python3
"""Writes loghub_*.log: a labelled subset of the Loghub 2k-line samples.

Usage: label_loghub.py LOGHUB_CHECKOUT  (a checkout of https://github.com/logpai/loghub)

For each sample it keeps the lines that hold a value to label and every 40th line besides
(ordinary lines that must produce no finding), and labels them with the rules below. The rules
are ours, written per log format from reading the samples; they do not call the detector. Each
line's labels were then read against the detector's findings and every disagreement decided by
hand (see README.md). Deterministic: same input, same output.
"""
import os
import re
import sys

SAMPLES = ["Linux", "OpenSSH", "HDFS", "Hadoop", "Windows", "Mac", "Android", "Apache", "Zookeeper",
           "Spark", "Thunderbird", "BGL", "HealthApp", "Proxifier", "OpenStack", "HPC"]
MAX_INTERESTING = 90
EVERY = 40

SUFFIXES = "com|net|org|edu|gov|io|cn|hk|jp|de|uk|ru|fr|kr|tw|br|nl|pl|au|ca|mx|us|at|info|biz"
PACKAGE_ROOTS = {"com", "org", "net", "java", "javax", "android", "androidx", "sun"}

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
SUFFIX_HOST = re.compile(r"(?<![\w.@$-])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:%s)(?![\w-]|\.\w)" % SUFFIXES)
IPV4 = re.compile(r"(?<![\w.~])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)")
ADDRESS_HOST = re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*(?:-\d{1,3}){4}(?![\w-])")
SYSLOG_HOST = re.compile(r"^(?:- \d+ \S+ \S+ )?[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d (?:[\w.-]+@)?([\w./-]+) [A-Za-z/_-]")
USER_CONTEXTS = [
    re.compile(r"\b(?:[Ii]nvalid|[Ii]llegal) user (\S+)(?= from| \[preauth\]|$)"),
    re.compile(r"\b(?:Failed|Accepted) (?:password|publickey|none) for (?!invalid |illegal )(\S+) from"),
    re.compile(r"\bfor user (\S+?)(?=[ .,;]|$)"),
    re.compile(r"\b(?:r?user|logname)=([A-Za-z_][\w.-]*)"),
]
VERSION_WORDS = re.compile(r"\b(?:version|ver|release|build|v)[ =:]*$", re.I)
MAC = re.compile(r"(?<![\w:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![\w:])")
IPV6 = re.compile(r"(?<![\w:.])(?:[0-9a-fA-F]{1,4}:{1,2}){2,7}[0-9a-fA-F]{1,4}(?![\w:])")


def valid_ipv4(s):
    parts = s.split(".")
    return all(p.isdigit() and int(p) <= 255 and (p == "0" or not p.startswith("0")) for p in parts)


def reserved_ipv4(s):
    a = [int(p) for p in s.split(".")]
    value = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]
    if value == 0 or a[0] == 127:
        return True
    inverted = ~value & 0xFFFFFFFF
    return a[0] == 255 and (inverted & (inverted + 1)) == 0


def spans(line):
    """(start, end, type) in priority order; a later span that overlaps an earlier one is dropped."""
    out = []
    for m in EMAIL.finditer(line):
        out.append((m.start(), m.end(), "Email"))
    for m in MAC.finditer(line):
        out.append((m.start(), m.end(), "MacAddress"))
    for m in IPV6.finditer(line):
        v = m.group(0)
        if "::" in v or v.count(":") == 7:
            reserved = set(v.replace(":", "")) <= {"0"} or (v.endswith(":1") and set(v[:-2].replace(":", "")) <= {"0"})
            out.append((m.start(), m.end(), "ReservedAddress" if reserved else "Ipv6"))
    for m in SUFFIX_HOST.finditer(line):
        name = m.group(0)
        if name.split(".")[0].lower() in PACKAGE_ROOTS and name.count(".") >= 2:
            continue
        if not any(c.isalpha() for c in name.rsplit(".", 1)[0]):
            continue
        out.append((m.start(), m.end(), "Hostname"))
    for m in IPV4.finditer(line):
        if not valid_ipv4(m.group(0)) or VERSION_WORDS.search(line[:m.start()]):
            continue
        if m.start() > 0 and line[m.start() - 1] == "-" and line[m.start() - 2:m.start() - 1].isalpha() and m.group(0)[1] == ".":
            continue
        out.append((m.start(), m.end(), "ReservedAddress" if reserved_ipv4(m.group(0)) else "Ipv4"))
    for m in ADDRESS_HOST.finditer(line):
        octets = m.group(0).split("-")[-4:]
        if all(valid_ipv4(o + ".0.0.0") for o in octets):
            out.append((m.start(), m.end(), "Hostname"))
    m = SYSLOG_HOST.match(line)
    if m and any(c.isalpha() for c in m.group(1)):
        out.append((m.start(1), m.end(1), "Hostname"))
    for pattern in USER_CONTEXTS:
        for m in pattern.finditer(line):
            value = m.group(1).strip("\"'")
            if not value or value.lower() in ("unknown", "invalid") or value.isdigit() and "=" in m.group(0):
                continue
            start = m.start(1) + m.group(1).index(value)
            out.append((start, start + len(value), "Username"))
    chosen = []
    for s, e, t in out:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, t))
    return sorted(chosen)


def label(line, found):
    pieces, pos = [], 0
    for s, e, t in found:
        pieces.append(line[pos:s] + "{{%s:%s}}" % (t, line[s:e]))
        pos = e
    return "".join(pieces) + line[pos:]


def main():
    root = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    for name in SAMPLES:
        path = os.path.join(root, name, name + "_2k.log")
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        labelled = {}
        for i, line in enumerate(lines):
            if line and "{{" not in line:
                labelled[i] = spans(line)
        # Interesting lines are taken evenly over the sample, so every part of it is represented.
        interesting = [i for i, found in labelled.items() if found]
        step = max(1, len(interesting) / MAX_INTERESTING)
        chosen = {interesting[int(k * step)] for k in range(min(MAX_INTERESTING, len(interesting)))}
        kept = []
        for i, found in labelled.items():
            if i in chosen:
                kept.append(label(lines[i], found))
            elif not found and i % EVERY == 0:
                kept.append(lines[i])
        with open(os.path.join(here, "loghub_%s.log" % name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(kept) + "\n")


if __name__ == "__main__":
    main()
