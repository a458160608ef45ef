/* A plan page (plans/<type>/<topic>/): the safety answer in its address (?safety=safe|unsafe|unsure)
   shows only the matching "what to do first"; without one, the page shows both and offers the
   question. Print (every part of "more" opened) and download as Markdown. Nothing is stored. */
(() => {
  "use strict";
  const { fill, labelsOf, actions, download, today } = window.tk;
  const ANSWERS = ["safe", "unsafe", "unsure"];

  // The plan as Markdown, from the page itself: headings, paragraphs, lists and links.
  function markdownOf(article) {
    const lines = [];
    const inline = (node) => {
      let out = "";
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) out += child.textContent.replace(/\s+/g, " ");
        else if (child.nodeType !== Node.ELEMENT_NODE || child.hidden || child.matches(".headerlink, svg, [hidden]")) continue;
        else if (child.tagName === "A") out += `[${inline(child).trim()}](${child.href})`;
        else if (child.tagName === "STRONG" || child.tagName === "B") out += `**${inline(child).trim()}**`;
        else if (child.tagName === "EM" || child.tagName === "I") out += `*${inline(child).trim()}*`;
        else if (child.tagName === "BR") out += " ";
        else if (!/^(UL|OL)$/.test(child.tagName)) out += inline(child);
      }
      return out;
    };
    const walk = (node, depth) => {
      for (const child of node.children) {
        if (child.hidden || child.matches("[data-tk-plan], .md-content__button, .tk-notice, script, .tk-plan__change")) continue;
        const tag = child.tagName;
        if (/^H[1-4]$/.test(tag)) lines.push("", `${"#".repeat(Number(tag[1]))} ${inline(child).trim()}`, "");
        else if (tag === "P") lines.push(inline(child).trim(), "");
        else if (tag === "UL" || tag === "OL") {
          [...child.children].forEach((item, index) => {
            const mark = tag === "OL" ? `${index + 1}.` : "-";
            lines.push(`${"  ".repeat(depth)}${mark} ${inline(item).trim()}`);
            for (const nested of item.querySelectorAll(":scope > ul, :scope > ol")) walk({ children: [nested] }, depth + 1);
          });
          lines.push("");
        } else if (tag === "SUMMARY") lines.push("", `## ${inline(child).trim()}`, "");
        else walk(child, depth);
      }
    };
    walk(article, 0);
    return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
  }

  function mountPlan(root) {
    const labels = labelsOf(root);
    const article = root.closest("article") || document.body;
    const answer = new URLSearchParams(window.location.search).get("safety");
    if (ANSWERS.includes(answer)) {
      for (const branch of article.querySelectorAll("[data-tk-safety]")) {
        branch.hidden = !branch.dataset.tkSafety.split(" ").includes(answer);
      }
      const note = { unsure: labels.unsureNote, unsafe: labels.unsafeNote }[answer];
      const said = `${labels.safeQuestion} ${fill(labels.answer, { answer: labels["answer_" + answer] })}`;
      root.querySelector("[data-tk-answer]").textContent = note ? `${said} ${note}` : said;
    } else {
      root.querySelector("[data-tk-choose]").hidden = false;
    }
    // Printing shows every part of "more", then closes again what the reader had closed
    let opened = [];
    window.addEventListener("beforeprint", () => {
      opened = [...article.querySelectorAll("details:not([open])")];
      for (const details of opened) details.open = true;
    });
    window.addEventListener("afterprint", () => {
      for (const details of opened) details.open = false;
      opened = [];
    });
    actions(root, {
      print: () => window.print(),
      markdown: () => download(`${root.dataset.file}-${today()}.md`, markdownOf(article), "text/markdown;charset=utf-8"),
    });
    root.hidden = false;
    root.dataset.ready = "true";
  }

  window.tk.components["tk-plan"] = mountPlan;
})();
