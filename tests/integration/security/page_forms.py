"""Forms as a page renders them: tests submit what a browser would, changing only what a person types."""

from bs4 import BeautifulSoup


def rendered_form(html: str, action: str, index: int = 0, page: str | None = None) -> dict[str, str]:
    """The fields of the `index`-th form posting to `action` (a form without an action posts to its `page`):
    hidden and text inputs with their values, textareas, ticked boxes and chosen options (buttons are left
    out: the caller says which was pressed)."""
    forms = [form for form in BeautifulSoup(html, "html.parser").find_all("form")
             if form.get("action", page) == action]
    assert len(forms) > index, f"no form posting to {action} on the page"
    fields: dict[str, str] = {}
    for element in forms[index].find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        if element.name == "textarea":
            fields[name] = element.text
        elif element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            fields[name] = chosen.get("value", chosen.text) if chosen else ""
        elif element.get("type") in ("checkbox", "radio"):
            if element.get("checked") is not None:
                fields[name] = element.get("value", "y")
        elif element.get("type") not in ("submit", "button", "image", "reset"):
            fields[name] = element.get("value", "")
    return fields


def actions(html: str, prefix: str) -> list[str]:
    """The addresses of the forms on the page whose action starts with `prefix`, in page order."""
    return [form["action"] for form in BeautifulSoup(html, "html.parser").find_all("form")
            if form.get("action", "").startswith(prefix)]
