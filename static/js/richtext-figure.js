// A key figure in the rich text (publishing/richtext.py): an inline atom stored as
// <data value="figure:123">4.2万亩</data>. Its button opens the figure chooser (the achievements admin), which
// posts the chosen figure back to this window; pages show the figure's current value in its place.
import { Node } from "django-prose-editor/editor"

const FIGURE_VALUE = /^figure:(\d+)$/

const figureId = (element) => {
  const match = FIGURE_VALUE.exec((element.getAttribute("value") || "").trim())
  return match ? match[1] : null
}

const chooseFigure = (editor, chooserUrl) => {
  const chooser = window.open(chooserUrl, "keyFigureChooser", "width=900,height=650")
  if (!chooser) return
  const chosen = (event) => {
    if (event.source !== chooser || event.origin !== window.location.origin) return
    const { kind, id, text } = event.data || {}
    if (kind !== "key-figure" || !FIGURE_VALUE.test(`figure:${id}`)) return
    window.removeEventListener("message", chosen)
    editor
      .chain()
      .focus()
      .insertContent({ type: "keyFigure", attrs: { id: String(id), text: String(text || "") } })
      .run()
  }
  window.addEventListener("message", chosen)
}

export const KeyFigure = Node.create({
  name: "keyFigure",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return { chooserUrl: "", label: "Key figure" }
  },

  addAttributes() {
    return {
      id: { default: null, parseHTML: figureId, renderHTML: () => ({}) },
      text: { default: "", parseHTML: (element) => element.textContent, renderHTML: () => ({}) },
    }
  },

  parseHTML() {
    return [{ tag: "data", getAttrs: (element) => (figureId(element) ? null : false) }]
  },

  renderHTML({ node }) {
    return ["data", { value: `figure:${node.attrs.id}` }, node.attrs.text]
  },

  renderText({ node }) {
    return node.attrs.text
  },

  addMenuItems({ menu, buttons }) {
    const { chooserUrl, label } = this.options
    if (!chooserUrl) return
    menu.defineItem({
      name: "keyFigure",
      groups: "nodes",
      command(editor) {
        chooseFigure(editor, chooserUrl)
      },
      button: buttons.material("pin", label),
      active(editor) {
        return editor.isActive("keyFigure")
      },
    })
  },
})
