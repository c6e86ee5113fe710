# Builds messages-zh.jsonl from sources-zh.txt: real Chinese-language support messages users wrote on public
# GitHub issue trackers (title + the reporter's own words, trimmed; comments by other users of the same thread
# are separate messages, noted "comment"), labelled by ../GUIDE.md. Same schema and redaction as collect.py.
#
# sources-zh.txt, one message a line:  CAT PRIO owner/repo#N [T] | text [|| note]
#   CAT: s security, x transaction, t technical, h how_to, o other
#   PRIO: u urgent, h high, n normal, l low;  T: the text is Traditional Chinese (zh-Hant), else zh-Hans
# Lines starting with '#' and blank lines are skipped. Duplicates (same text after redaction, or a text already
# in messages.jsonl) are dropped with a warning; run from this folder: python3 collect-zh.py
import json, re, hashlib, sys, os

CAT = {'s': 'security', 'x': 'transaction', 't': 'technical', 'h': 'how_to', 'o': 'other'}
PRIO = {'u': 'urgent', 'h': 'high', 'n': 'normal', 'l': 'low'}

def redact(t):
    t = re.sub(r'[\w.+-]+@[\w-]+\.[\w.]+', '[email]', t)
    t = re.sub(r'https?://\S+', '[link]', t)
    t = re.sub(r'\b0x[0-9a-fA-F]{40,64}\b', '[address]', t)
    t = re.sub(r'\b[0-9a-fA-F]{64}\b', '[txid]', t)
    t = re.sub(r'\b(bc1|tb1)[0-9a-z]{20,80}\b', '[address]', t)
    t = re.sub(r'\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b', '[address]', t)
    t = re.sub(r'\bT[1-9A-HJ-NP-Za-km-z]{33}\b', '[address]', t)            # TRON
    t = re.sub(r'\b(xch|bm|ckb|cfx|cosmos)1[0-9a-z]{38,90}\b', '[address]', t)  # Chia, Bytom, Nervos, Conflux, Cosmos
    t = re.sub(r'(?<!\d)1[3-9]\d{9}(?!\d)', '[phone]', t)                      # mainland mobile numbers
    return re.sub(r'\s+', ' ', t).strip()

def parse(path):
    rows = []
    for n, line in enumerate(open(path, encoding='utf8'), 1):
        line = line.strip()
        if not line or line.startswith('#'): continue
        head, _, rest = line.partition(' | ')
        text, _, note = rest.partition(' || ')
        parts = head.split()
        if len(parts) not in (3, 4) or parts[0] not in CAT or parts[1] not in PRIO or not re.match(r'^[\w.-]+/[\w.-]+#\d+$|^https?://', parts[2]):
            raise SystemExit(f'sources-zh.txt line {n}: bad head {head!r}')
        rows.append(dict(source=parts[2], lang='zh-Hant' if len(parts) == 4 and parts[3] == 'T' else 'zh-Hans',
                         category=CAT[parts[0]], priority=PRIO[parts[1]], text=text.strip(), note=note.strip() or None, line=n))
    return rows

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    seen = {json.loads(l)['text'] for l in open(os.path.join(here, 'messages.jsonl'), encoding='utf8') if l.strip()}
    out = []
    for e in parse(os.path.join(here, 'sources-zh.txt')):
        text = redact(e['text'])
        if not text: raise SystemExit(f"line {e['line']}: empty text")
        if text in seen:
            print(f"line {e['line']}: duplicate text dropped: {text[:50]}", file=sys.stderr); continue
        if e['category'] == 'security' and e['priority'] in ('low', 'normal'):
            raise SystemExit(f"line {e['line']}: security below high")
        seen.add(text)
        key = hashlib.sha256(text.encode()).hexdigest()
        row = {'id': 'z' + key[:10], 'text': text, 'lang': e['lang'], 'source': e['source'], 'category': e['category'],
               'priority': e['priority'], 'split': 'dev' if hashlib.sha256(text.encode()).digest()[0] < 128 else 'test'}
        if e['note']: row['note'] = e['note']
        out.append(row)
    with open(os.path.join(here, 'messages-zh.jsonl'), 'w', encoding='utf8') as f:
        for r in out: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    by = {}
    for r in out: by[r['category']] = by.get(r['category'], 0) + 1
    print(len(out), 'messages', by, len({r['source'] for r in out}), 'sources')

main()
