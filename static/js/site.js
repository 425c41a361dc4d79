/*
 * 科创门户 — the little JavaScript the site uses; every page works without it.
 * 1. 适老化模式: the header button switches large text / high contrast in place and keeps the choice in a
 *    cookie, so the server renders the class on <html> on the next page (no flash).
 * 2. 朗读: on articles, reads the title, lead, section headings and bodies with the browser's own voice, each
 *    part in its own language (an English title in the English interface, the Chinese body in Chinese).
 * Every word the script shows comes from the page (data-resume-label, data-say-*), in the interface language.
 */
(function () {
  "use strict";

  var COOKIE = "large_text";
  var YEAR = 365 * 24 * 60 * 60;

  function setLargeText(on) {
    document.documentElement.classList.toggle("large-text", on);
    var secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = on
      ? COOKIE + "=1; path=/; max-age=" + YEAR + "; samesite=lax" + secure
      : COOKIE + "=; path=/; max-age=0; samesite=lax" + secure;
    try {
      window.localStorage.setItem(COOKIE, on ? "1" : "0");
    } catch (e) {
      /* private mode: the cookie is enough */
    }
    document.querySelectorAll("[data-large-text-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.value = on ? "0" : "1";
    });
  }

  function initLargeText() {
    document.querySelectorAll("[data-large-text-toggle]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        setLargeText(button.getAttribute("aria-pressed") !== "true");
      });
    });
  }

  /* Long texts are spoken sentence by sentence: some browsers stop a single long utterance midway. */
  function sentences(text) {
    // The ◀ between a section's label and heading is a mark for the eye; the ear gets a pause.
    var parts = text.replace(/◀/g, "，").replace(/\s+/g, " ").match(/[^。！？；!?;]+[。！？；!?;]?/g) || [];
    return parts
      .map(function (part) {
        return part.trim();
      })
      .filter(Boolean);
  }

  function chineseVoice(synth) {
    var voices = synth.getVoices();
    for (var i = 0; i < voices.length; i += 1) {
      if (/^zh[-_]CN/i.test(voices[i].lang)) return voices[i];
    }
    for (var j = 0; j < voices.length; j += 1) {
      if (/^zh/i.test(voices[j].lang)) return voices[j];
    }
    return null;
  }

  /* The language a part is written in: its nearest lang attribute (the Chinese parts of an English page carry
     lang="zh-hans"). */
  function languageOf(element) {
    var marked = element.closest("[lang]");
    return (marked && marked.getAttribute("lang")) || document.documentElement.lang || "zh-CN";
  }

  function initReadAloud() {
    var panel = document.querySelector("[data-read-aloud]");
    if (!panel) return;
    if (!("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
    var synth = window.speechSynthesis;
    var scope = document.querySelector(panel.getAttribute("data-read-aloud")) || document;
    var start = panel.querySelector("[data-read-start]");
    var pause = panel.querySelector("[data-read-pause]");
    var stop = panel.querySelector("[data-read-stop]");
    var status = panel.querySelector("[data-read-status]");
    var startLabel = start.textContent;
    var resumeLabel = start.getAttribute("data-resume-label") || startLabel;
    var state = "idle";

    function say(name) {
      return status.getAttribute("data-say-" + name) || "";
    }

    function show(next, message) {
      state = next;
      start.hidden = state === "playing";
      start.textContent = state === "paused" ? resumeLabel : startLabel;
      pause.hidden = state !== "playing";
      stop.hidden = state === "idle";
      status.textContent = message || "";
    }

    function speak() {
      synth.cancel();
      var voice = chineseVoice(synth);
      var parts = [];
      scope.querySelectorAll("[data-read]").forEach(function (element) {
        var lang = languageOf(element);
        sentences(element.textContent).forEach(function (text) {
          parts.push({ text: text, lang: lang });
        });
      });
      parts.forEach(function (part, index) {
        var utterance = new SpeechSynthesisUtterance(part.text);
        if (/^zh/i.test(part.lang)) {
          utterance.lang = "zh-CN";
          if (voice) utterance.voice = voice;
        } else {
          utterance.lang = part.lang; // the browser picks its own voice for it
        }
        if (index === parts.length - 1) {
          utterance.onend = function () {
            show("idle", say("done"));
          };
        }
        synth.speak(utterance);
      });
      show("playing", say("playing"));
    }

    start.addEventListener("click", function () {
      if (state === "paused") {
        synth.resume();
        show("playing", say("resumed"));
      } else {
        speak();
      }
    });
    pause.addEventListener("click", function () {
      synth.pause();
      show("paused", say("paused"));
    });
    stop.addEventListener("click", function () {
      synth.cancel();
      show("idle", say("stopped"));
    });
    window.addEventListener("pagehide", function () {
      synth.cancel();
    });
    panel.hidden = false;
    show("idle");
  }

  function init() {
    initLargeText();
    initReadAloud();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
