// Admin change forms (templates/admin/change_form.html loads this after the admin's JavaScript catalogue).
// 1. A warning before leaving a form with unsaved changes; none once it is submitted.
// 2. The rich-text editor's toolbar in the interface language: django-prose-editor writes its tooltips and menu
//    entries in fixed English, so each goes through the catalogue (locale/zh_Hans/LC_MESSAGES/djangojs.po).
// 3. "Copy the preview link" (templates/admin/publishing/change_form.html) puts the link on the clipboard.
"use strict";

(() => {
  const form = document.querySelector("body.change-form #content-main form[method='post']");

  // 1. Unsaved changes. What the form would send, read once everything on the page has started (editors and
  // widgets may rewrite their fields as they start), and again when the page is about to be left: a difference
  // after something was typed or chosen means unsaved changes.
  if (form) {
    const snapshot = () =>
      Array.from(new FormData(form), ([name, value]) =>
        [name, value instanceof File ? `${value.name}:${value.size}` : value].join("="),
      ).join("&");
    // A form sent back with errors never saved what it holds: it counts as changed from the start.
    const sentBack = document.querySelector("#content-main .errornote") !== null;
    let initial = null;
    let touched = sentBack;
    let submitting = false;
    window.addEventListener("load", () => {
      initial = sentBack ? "" : snapshot();
    });
    for (const type of ["input", "change"]) {
      form.addEventListener(type, () => {
        touched = true;
      });
    }
    form.addEventListener("submit", () => {
      submitting = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (submitting || !touched || initial === null || snapshot() === initial) {
        return;
      }
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set; every browser shows its own words
    });
  }

  // 3. The preview link, copied (here, not in an onclick attribute: the Content-Security-Policy allows no inline code).
  for (const link of document.querySelectorAll("a.copy-preview-link")) {
    link.addEventListener("click", (event) => {
      if (!navigator.clipboard) {
        return; // the link itself opens the preview
      }
      event.preventDefault();
      navigator.clipboard.writeText(link.dataset.link).then(() => {
        link.textContent = link.dataset.copied;
      });
    });
  }

  // 2. The rich-text editor's toolbar.
  const gettext = window.gettext;
  const interpolate = window.interpolate;
  if (!gettext || !interpolate) {
    return;
  }
  const HEADING = /^(heading|Heading) (\d)$/;
  const translated = (text) => {
    const heading = HEADING.exec(text);
    return heading ? interpolate(gettext(`${heading[1]} %s`), [heading[2]]) : gettext(text);
  };
  const translate = (root) => {
    for (const element of root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]")) {
      for (const name of ["title", "aria-label"]) {
        const value = element.getAttribute(name);
        if (value) {
          element.setAttribute(name, translated(value));
        }
      }
    }
    // Entries of the toolbar's drop-down menus, and buttons that show a word (not a Material icon's name).
    for (const element of root.querySelectorAll(".prose-menubar p, .prose-menubar button:not(.material-icons)")) {
      if (element.children.length === 0 && element.textContent.trim()) {
        element.textContent = translated(element.textContent.trim());
      }
    }
  };
  const pending = new Set();
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          pending.add(node.closest(".prose-menubar") || node);
        }
      }
    }
    observer.disconnect(); // our own changes are no news
    for (const node of pending) {
      translate(node.parentElement || node);
    }
    pending.clear();
    observer.observe(document.body, { childList: true, subtree: true });
  });
  translate(document);
  observer.observe(document.body, { childList: true, subtree: true });
})();
