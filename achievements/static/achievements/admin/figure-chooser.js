"use strict";
// The key figures as the rich-text editor's "插入关键数据" pop-up (static/js/richtext-figure.js opened it):
// a click hands the figure's id and text back to the editor's window and closes this one.
document.addEventListener("DOMContentLoaded", function () {
  const root = document.querySelector(".figure-chooser");
  if (!root) return;
  root.querySelectorAll(".figure-chooser__choice").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!window.opener) {
        window.alert("请从正文编辑器的“插入关键数据”按钮打开这个窗口。");
        return;
      }
      window.opener.postMessage(
        { kind: "key-figure", id: button.dataset.id, text: button.dataset.text },
        window.location.origin,
      );
      window.close();
    });
  });
});
