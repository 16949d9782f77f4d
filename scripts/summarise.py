"""Print a short human summary of an annotated JSONL file (the demo's last step)."""
import json
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(f"\n# {d['id']}  story={d.get('story')}  published={d.get('published')}  language={d.get('language')}")
    if "error" in d:
        print("  error:", d["error"])
        continue
    print(f"  text: {len(d['text'])} characters; removed as furniture: {len(d['removed'])} pieces")
    for r in d["removed"][:6]:
        print(f"    - [{r['reason']}] {r['text'][:70]}")
    names = sorted({f"{a.get('name') or a['text']} ({a.get('code')}/{a.get('sector')})" for a in d["actors"]})
    print(f"  actors ({len(d['actors'])} mentions): " + "; ".join(names[:12]))
    for e in d["events"][:12]:
        who = "+".join(a.get("code") or "?" for a in e["actor"]) or "?"
        whom = "+".join(a.get("code") or "?" for a in e["recipient"]) or "-"
        print(f"  event {e['event']:<9} {e['cameo']:>4} {who:>11} -> {whom:<11} {e['modality']:<12} "
              f"date={e.get('date')} trigger={e['trigger']['text']!r}")
    for q in [q for q in d["quotes"] if q.get("speech", True)][:6]:  # speech, not stances
        sp = (q.get("speaker") or {})
        print(f"  quote ({q['kind']}) {sp.get('name') or sp.get('text')}: {q['text'][:70]!r}")
    print("  timex: " + ", ".join(f"{t['text']}={t['value']}" for t in d["timex"][:8]))
