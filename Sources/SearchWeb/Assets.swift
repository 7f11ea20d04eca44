/// The page's style sheet and script, served by the site itself: the Content-Security-Policy
/// allows no other, and no inline style or script.
enum Assets {
    static let styleSheetPath = "/assets/search.css"
    static let scriptPath = "/assets/search.js"

    static let styleSheet = WebResponse(status: .ok, contentType: "text/css; charset=utf-8", body: css)
    static let script = WebResponse(status: .ok, contentType: "text/javascript; charset=utf-8", body: javaScript)

    /// Reading first: passages at 1.2rem with the line height harakat need, about 70 characters
    /// a line; each language's system fonts first (Persian and Arabic faces differ: Vazirmatn is
    /// the Persian reader's, Naskh the Arabic's), then faces most systems have; light and dark
    /// schemes. A mark has no padding: padding would break the joining of Arabic letters.
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #fbfaf7; --fg: #1f1f22; --muted: #67666d; --line: #dedbd2; --link: #0b57d0;
          --mark: #ffe27a; --stem: #fff0c4; --edge: #d9a400; --fuzzy: #c2410c; --focus: #fff7d9; --error: #b3261e;
          --field: #ffffff;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #16161a; --fg: #e6e4df; --muted: #a3a2aa; --line: #33333a; --link: #8ab4f8;
            --mark: #6b5200; --stem: #3d3212; --edge: #c9a227; --fuzzy: #fb923c; --focus: #29251a; --error: #f2b8b5;
            --field: #1e1e23;
          }
        }
        html { background: var(--bg); color: var(--fg); }
        body {
          margin: 0 auto; max-width: 46rem; padding: 1.5rem 1.25rem 4rem;
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
        }
        :lang(ar) {
          font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", "Amiri",
            "Scheherazade New", "KacstOne", "DejaVu Sans", sans-serif;
        }
        :lang(fa) {
          font-family: "Vazirmatn", "Vazir", "Sahel", "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI",
            "Tahoma", "Geeza Pro", "DejaVu Sans", sans-serif;
        }
        a { color: var(--link); }
        form.search { display: flex; gap: .5rem; margin-bottom: 1.25rem; }
        form.search input {
          flex: 1; min-width: 0; font-size: 1.3rem; line-height: 1.6; padding: .35rem .75rem;
          color: var(--fg); background: var(--field); border: 1px solid var(--line); border-radius: .5rem;
        }
        form.search button {
          font: inherit; padding: 0 1rem; border-radius: .5rem; border: 1px solid var(--line);
          background: var(--field); color: var(--fg); cursor: pointer;
        }
        .count, .examples, .lines { color: var(--muted); font-size: .9rem; margin: .25rem 0 1rem; }
        .notice { color: var(--fuzzy); margin: .25rem 0; }
        .error { color: var(--error); font-weight: 600; }
        ol.hits { list-style: none; padding: 0; margin: 0; }
        .hit { margin: 0 0 1.5rem; }
        .place {
          font: .85rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); text-decoration: none;
          unicode-bidi: isolate;
        }
        .place:hover, .place:focus { color: var(--link); text-decoration: underline; }
        .passage, .document section > p:last-child { font-size: 1.2rem; line-height: 1.95; margin: .15rem 0 0; }
        [dir="rtl"] .passage, section > p[dir="rtl"] { text-align: start; }
        mark { background: var(--mark); color: inherit; border-radius: .15em; box-shadow: 0 0 0 .08em var(--mark); }
        mark.stem, mark.prefix { background: var(--stem); box-shadow: inset 0 -.12em 0 var(--edge); }
        mark.fuzzy { background: transparent; box-shadow: none; text-decoration: underline wavy var(--fuzzy); text-underline-offset: .4em; }
        .control { font: .75em ui-monospace, monospace; color: var(--error); unicode-bidi: isolate; }
        .pages { display: flex; gap: 1.5rem; margin: 1.5rem 0; }
        header.document h1 { font: 600 1rem ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; margin: .5rem 0 0; }
        header.document .back { font-size: .9rem; }
        main.document section { padding: .25rem .75rem; border-inline-start: 3px solid transparent; margin: 0 0 .75rem; }
        main.document section.focus { background: var(--focus); border-inline-start-color: var(--edge); }
        main.document section .lines { margin: 0; font-size: .8rem; }
        section[id] { scroll-margin-top: 2rem; }

        """

    /// Live search: as the query is typed, the results page for it is fetched and its results
    /// take the place of the shown ones. The page works without it.
    static let javaScript = """
        "use strict";
        (() => {
          const form = document.querySelector("form.search");
          if (!form || !window.fetch || !window.DOMParser) return;
          const input = form.elements.q;
          // Says that the script runs (the Content-Security-Policy let it): results follow typing.
          document.documentElement.classList.add("live");
          let timer = 0;
          let pending = null;
          let shown = input.value;
          input.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(refresh, 250);
          });
          async function refresh() {
            if (input.value === shown) return;
            shown = input.value;
            const url = new URL(form.action, location.href);
            url.search = new URLSearchParams(new FormData(form)).toString();
            if (pending) pending.abort();
            pending = new AbortController();
            try {
              const response = await fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } });
              const page = new DOMParser().parseFromString(await response.text(), "text/html");
              const results = page.getElementById("results");
              if (!results) return;
              document.getElementById("results").replaceWith(document.adoptNode(results));
              const box = page.querySelector("form.search input[name=q]");
              if (box && box.lang) input.lang = box.lang; else input.removeAttribute("lang");
              document.title = page.title;
              history.replaceState(null, "", url);
            } catch (error) {
              if (error.name !== "AbortError") console.warn("search:", error);
            }
          }
        })();

        """
}
