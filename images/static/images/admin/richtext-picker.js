"use strict";
// The image library as django-prose-editor's "Browse…" pop-up (CKEditor's file-browser protocol):
// a click hands the image's address and id (kept as data-file) back to the editor and closes the window.
document.addEventListener("DOMContentLoaded", function () {
  const root = document.querySelector(".richtext-picker");
  if (!root) return;
  const callback = Number(root.dataset.callback);
  root.querySelectorAll(".richtext-picker__choice").forEach(function (button) {
    button.addEventListener("click", function () {
      const editor = window.opener && window.opener.CKEDITOR;
      if (!editor || !callback) {
        window.alert("请从正文编辑器的图片对话框里打开这个窗口。");
        return;
      }
      editor.tools.callFunction(callback, button.dataset.url, {
        id: button.dataset.id,
        alternative_text: button.dataset.alt,
        caption: button.dataset.caption,
      });
      window.close();
    });
  });
});
