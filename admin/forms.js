"use strict";

/**
 * Shows request failures inside a form: the problem's detail in the form's
 * `.problem` box and each field error beside its input. Field errors whose
 * field has no input are listed in the box, so none is lost.
 */
const forms = {
  clearErrors(form) {
    form.querySelectorAll(".field-error").forEach((slot) => { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((input) => input.removeAttribute("aria-invalid"));
    const box = form.querySelector(".problem");
    if (box) forms.hideProblem(box);
  },

  /** Displays an ApiError (or any Error) on the form. */
  showError(form, error) {
    const unplaced = [];
    for (const fieldError of (error.fieldErrors || [])) {
      const slot = form.querySelector('.field-error[data-field="' + CSS.escape(fieldError.field) + '"]');
      const input = form.elements.namedItem(fieldError.field);
      if (slot) {
        slot.textContent = fieldError.message;
        if (input) input.setAttribute("aria-invalid", "true");
      } else {
        unplaced.push(fieldError.field + ": " + fieldError.message);
      }
    }
    forms.showProblem(form.querySelector(".problem"), error.message, unplaced);
  },

  showProblem(box, message, details) {
    box.replaceChildren(document.createTextNode(message));
    if (details && details.length) {
      const list = document.createElement("ul");
      details.forEach((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    box.hidden = false;
  },

  hideProblem(box) {
    box.replaceChildren();
    box.hidden = true;
  },

  /** Returns the form's named inputs as an object; all but passwords are trimmed. */
  values(form) {
    const result = {};
    for (const input of form.querySelectorAll("input[name], select[name]")) {
      result[input.name] = input.type === "password" ? input.value : input.value.trim();
    }
    return result;
  },

  /** Disables the form's buttons while `work` runs, so a double click sends one request. */
  async busy(form, work) {
    const buttons = form.querySelectorAll("button");
    buttons.forEach((button) => { button.disabled = true; });
    try {
      return await work();
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
    }
  },
};
