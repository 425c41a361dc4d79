"use strict";
// Under each image autocomplete (cover, logo), show a thumbnail of the chosen image and its alt text.
window.addEventListener("load", function () {
  const $ = window.django && window.django.jQuery;
  if (!$) return;
  const adminRoot = (document.querySelector("#site-name a") || {}).getAttribute?.("href") || "/admin/";

  function render(select, box) {
    const id = select.value;
    box.replaceChildren();
    if (!id) return;
    fetch(adminRoot + "images/image/" + encodeURIComponent(id) + "/chooser-preview/", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || select.value !== String(data.id)) return;
        const img = document.createElement("img");
        img.src = data.thumbnail;
        img.alt = data.alt;
        img.style.maxHeight = "120px";
        img.style.maxWidth = "240px";
        img.style.display = "block";
        const note = document.createElement("div");
        note.className = "help";
        note.textContent = data.alt ? "替代文字：" + data.alt : "纯装饰图片（无替代文字）";
        box.append(img, note);
      });
  }

  document.querySelectorAll("select.admin-autocomplete[data-field-name='cover'], select.admin-autocomplete[data-field-name='logo']").forEach(function (select) {
    const box = document.createElement("div");
    box.className = "image-chooser-preview";
    box.style.marginTop = "0.5em";
    select.closest("div").appendChild(box);
    $(select).on("change", function () { render(select, box); });
    render(select, box);
  });
});
