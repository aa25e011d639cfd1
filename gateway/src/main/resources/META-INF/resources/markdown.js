// Markdown of answers: parsed by marked, sanitised by DOMPurify, code highlighted by highlight.js (all three vendored
// under vendor/, loaded by the page before this module). Raw HTML in a text is shown as text, never interpreted;
// images are shown as links and never loaded (an answer must not make the browser fetch anything); links open in a
// new tab without a referrer. The sanitised result is a DOM fragment: no unsanitised string ever reaches innerHTML.
/* global marked, DOMPurify, hljs */
// highlight.js is given the code's text and escapes it; its markup goes through DOMPurify with the rest.
import { el, copyText, flash } from "./common.js";

const escapeHtml = (s) => String(s).replace(/[&<>"']/g,
  (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const parser = new marked.Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML, block or inline, is printed as the text it is.
    html(token) { const text = escapeHtml(token.raw ?? token.text); return token.block ? "<p>" + text + "</p>" : text; },
    // Images become links to their address (or their alt text alone): nothing is fetched.
    image(token) {
      const label = "[image: " + (token.text || "no description") + "]";
      return /^https?:\/\//i.test(token.href || "")
        ? `<a href="${escapeHtml(token.href)}">${escapeHtml(label)}</a>`
        : escapeHtml(label);
    },
    // Code blocks are highlighted here (known languages only) so that one sanitising pass covers the result.
    code(token) {
      const lang = (token.lang || "").trim().split(/\s+/)[0].toLowerCase();
      const known = lang && hljs.getLanguage(lang);
      const body = known ? hljs.highlight(token.text, { language: lang, ignoreIllegals: true }).value : escapeHtml(token.text);
      const cls = lang && /^[\w+#.-]+$/.test(lang) ? ` class="hljs language-${lang}"` : ' class="hljs"';
      return `<pre><code${cls}>${body}</code></pre>`;
    },
  },
});

const ALLOWED_TAGS = ["a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "s", "code",
  "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "input", "span", "sup", "sub",
  "kbd"];
const ALLOWED_ATTR = ["href", "title", "class", "align", "start", "type", "checked", "disabled"];

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.nodeName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
  // Only highlight.js's classes are kept (on code and its spans); a text cannot style the page otherwise.
  if (node.hasAttribute && node.hasAttribute("class")) {
    const ok = node.nodeName === "CODE" ? /^(hljs|language-[\w+#.-]+)$/ : node.nodeName === "SPAN" ? /^hljs-[\w-]+$|^[\w-]+_$/ : null;
    const keep = ok ? node.getAttribute("class").split(/\s+/).filter((c) => ok.test(c)) : [];
    if (keep.length) node.setAttribute("class", keep.join(" ")); else node.removeAttribute("class");
  }
  // Task-list boxes are read-only.
  if (node.nodeName === "INPUT") {
    if (node.getAttribute("type") !== "checkbox") node.remove();
    else node.setAttribute("disabled", "");
  }
});

/** Sanitised HTML of a Markdown text, as a DOM fragment. */
export function markdownFragment(text) {
  const html = parser.parse(text || "");
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
    RETURN_DOM_FRAGMENT: true,
  });
}

/**
 * Renders a Markdown text into a container: sanitised, code highlighted, a copy button on every code block (which
 * copies the code's text).
 */
export function renderMarkdown(container, text) {
  const fragment = markdownFragment(text);
  for (const pre of fragment.querySelectorAll("pre")) {
    const code = pre.querySelector("code") || pre;
    const lang = ([...code.classList].find((c) => c.startsWith("language-")) || "").slice(9);
    const source = code.textContent;
    const copy = el("button", { type: "button", class: "copy-code secondary small", dataset: { testid: "copy-code" },
      "aria-label": "Copy code" + (lang ? " (" + lang + ")" : "") }, "Copy");
    copy.addEventListener("click", async () => flash(copy, (await copyText(source)) ? "Copied" : "Copy failed"));
    const head = el("div", { class: "code-head" }, el("span", { class: "code-lang" }, lang || "text"), copy);
    const block = el("div", { class: "code-block", dataset: { testid: "code-block" } }, head);
    pre.replaceWith(block);
    block.append(pre);
  }
  container.replaceChildren(fragment);
}
