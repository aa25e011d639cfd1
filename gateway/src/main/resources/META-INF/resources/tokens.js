// How a /v1/tokenize answer is drawn, without the DOM (so that it can be checked on its own): the original text is
// cut by the tokens' character offsets, never rebuilt from the token strings.
//
// - Tokens that share characters (byte-level pieces of one multi-byte character: their offsets overlap) form one
//   piece: the characters are drawn once, with every id.
// - A SentencePiece "▁" token stands for a space. When its offsets cover no whitespace (t5 puts a lone "▁" on the
//   first letter of the next token), it takes the uncovered space before it, or is drawn as a bare marker; a "▁…"
//   token that overlaps a previous token only on whitespace keeps its own characters.
// - Characters no token covers (spaces WordPiece and SentencePiece drop, whitespace a normaliser folds) are drawn as
//   gaps, so words never look glued.
// - Special tokens without offsets (BOS, [CLS], </s>) are drawn as their token string.

const SPACE_MARK = "▁";
const isSpace = (s) => /^\s+$/.test(s);

/**
 * The pieces of a tokenization, in text order:
 * {kind: "token"|"gap"|"special"|"marker", start, end, text, tokens: [{id, token, special, index}]}.
 */
export function pieces(text, result) {
  const out = [];
  let cursor = 0;                  // characters before this are drawn
  const n = result.ids.length;
  const entry = (i) => ({ id: result.ids[i], token: result.tokens[i], special: !!(result.special_mask && result.special_mask[i]), index: i });
  const gap = (from, to) => { if (to > from) out.push({ kind: "gap", start: from, end: to, text: text.slice(from, to), tokens: [] }); };
  const last = () => { for (let k = out.length - 1; k >= 0; k--) if (out[k].kind === "token" || out[k].kind === "marker") return out[k]; return null; };

  for (let i = 0; i < n; i++) {
    let [s, e] = result.offsets[i] || [-1, -1];
    const tok = result.tokens[i] || "";
    if (s < 0 || e < 0 || e < s) {
      out.push({ kind: "special", start: cursor, end: cursor, text: tok, tokens: [entry(i)] });
      continue;
    }
    // A "▁" token that covers no whitespace stands for the space before it (or for none at all).
    if (tok.length && [...tok].every((c) => c === SPACE_MARK) && !isSpace(text.slice(s, e))) {
      const before = s - 1;
      if (before >= cursor && isSpace(text[before])) {
        gap(cursor, before);
        out.push({ kind: "token", start: before, end: s, text: text.slice(before, s), tokens: [entry(i)] });
        cursor = s;
      } else {
        out.push({ kind: "marker", start: Math.max(s, cursor), end: Math.max(s, cursor), text: SPACE_MARK, tokens: [entry(i)] });
      }
      continue;
    }
    if (s < cursor) {
      const shared = text.slice(s, cursor);
      const prev = last();
      if (tok.startsWith(SPACE_MARK) && isSpace(shared)) {
        s = cursor;              // "▁fo" after "▁": the space is the previous token's
      } else if (prev && prev.kind === "token") {
        prev.tokens.push(entry(i));        // shares characters with the previous piece: drawn once
        if (e > prev.end) { prev.end = e; prev.text = text.slice(prev.start, e); cursor = e; }
        continue;
      } else {
        s = cursor;
      }
    }
    // A SentencePiece word token takes the one uncovered space before it, like a byte-level "Ġword" does.
    if (tok.startsWith(SPACE_MARK) && s > cursor && isSpace(text[s - 1]) && !isSpace(text.slice(s, s + 1))) s -= 1;
    gap(cursor, s);
    out.push({ kind: "token", start: s, end: Math.max(s, e), text: text.slice(s, Math.max(s, e)), tokens: [entry(i)] });
    cursor = Math.max(cursor, e);
  }
  gap(cursor, text.length);
  return out;
}

// GPT-2's byte-to-character alphabet (byte-level BPE and tiktoken token strings are spelled in it).
const BYTE_OF = (() => {
  const map = new Map();
  const printable = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const cp = printable.includes(b) ? b : 256 + extra++;
    map.set(String.fromCodePoint(cp), b);
  }
  return map;
})();

/**
 * The bytes a token string stands for, as hex ("F0 9F"), when it is a byte token: SentencePiece byte fallback
 * ("<0xF0>") or a byte-level string that is not valid text on its own. Null otherwise.
 */
export function tokenBytes(token, byteLevel) {
  const fallback = /^<0x([0-9A-Fa-f]{2})>$/.exec(token);
  if (fallback) return fallback[1].toUpperCase();
  if (!byteLevel) return null;
  const bytes = [];
  for (const c of token) {
    if (!BYTE_OF.has(c)) return null;
    bytes.push(BYTE_OF.get(c));
  }
  const hex = bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  // Plain ASCII pieces ("Hello", "Ġworld") are not worth spelling out.
  return bytes.some((b) => b >= 0x80) ? hex : null;
}

/** Whether a tokenizer's strings use the byte-level alphabet (GPT-2 style BPE, tiktoken). */
export function isByteLevel(result) {
  return result.tokens.some((t) => /[ĠĊ]/.test(t)) || result.tokens.some((t) => /[ðÃÂâ]/.test(t) && tokenBytes(t, true));
}

/** WordPiece continuation ("##ing"). */
export const isContinuation = (token) => token.length > 2 && token.startsWith("##");

/**
 * Where a tokenization cuts the text: the starts and ends of its token pieces, strictly inside the text. With
 * `ignoreSpaces`, a cut next to whitespace is moved past the whitespace run, so that tokenizers that attach spaces
 * differently (Ġword, ▁word, dropped spaces) agree.
 */
export function boundaries(text, list, ignoreSpaces = true) {
  const cuts = new Set();
  const add = (p) => {
    if (ignoreSpaces) while (p < text.length && /\s/.test(text[p])) p++;
    if (p > 0 && p < text.length) cuts.add(p);
  };
  for (const p of list) {
    if (p.kind !== "token") continue;
    add(p.start);
    add(p.end);
  }
  return cuts;
}

/** The cuts of two tokenizations: [{at, side: "both"|"a"|"b"}] in text order, with counts. */
export function diff(text, a, b, ignoreSpaces = true) {
  const ca = boundaries(text, a, ignoreSpaces);
  const cb = boundaries(text, b, ignoreSpaces);
  const all = [...new Set([...ca, ...cb])].sort((x, y) => x - y);
  const cuts = all.map((at) => ({ at, side: ca.has(at) && cb.has(at) ? "both" : ca.has(at) ? "a" : "b" }));
  return {
    cuts,
    both: cuts.filter((c) => c.side === "both").length,
    onlyA: cuts.filter((c) => c.side === "a").length,
    onlyB: cuts.filter((c) => c.side === "b").length,
  };
}

/** Whitespace made visible: space ·, tab →, newline ↵ (the line still breaks). */
export const visible = (s) => s.replace(/ /g, "·").replace(/\t/g, "→").replace(/\r?\n/g, "↵\n");
