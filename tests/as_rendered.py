"""What a browser would post back from a rendered form, to test that posting a form unchanged
changes nothing.

A browser, unlike Django's test client, posts what the page shows: a date input whose value is
not an ISO date is shown (and posted) empty, a select with no option selected posts its first
option, an unticked checkbox posts nothing, and a textarea posts its text with its line
endings as CRLF, as the HTML standard has a browser send them.
"""

import datetime
from html.parser import HTMLParser


def _iso_date(value):
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return ""
    return value


def _iso_time(value):
    try:
        datetime.time.fromisoformat(value)
    except ValueError:
        return ""
    return value


SHOWN_AS = {"date": _iso_date, "time": _iso_time}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = None
        self._textarea = None
        self._option = None

    @property
    def _fields(self):
        return self.forms[-1]["fields"] if self.forms else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": []})
        elif self._fields is None or "disabled" in attrs:
            return
        elif tag == "input":
            self._input(attrs)
        elif tag == "select":
            self._select = {"name": attrs.get("name"), "multiple": "multiple" in attrs, "opts": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "selected": "selected" in attrs}
            self._option["text"] = ""
            self._select["opts"].append(self._option)
        elif tag == "textarea":
            self._textarea = {"name": attrs.get("name"), "text": ""}

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        name = attrs.get("name")
        if not name or kind in {"submit", "button", "image", "reset", "file"}:
            return
        if kind in {"checkbox", "radio"}:
            if "checked" in attrs:
                self._fields.append((name, attrs.get("value", "on")))
            return
        value = attrs.get("value", "")
        self._fields.append((name, SHOWN_AS.get(kind, str)(value)))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            self._close_select()
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            # The HTML parser keeps the newline a browser drops after <textarea>.
            text = text[1:] if text.startswith("\n") else text
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
            self._fields.append((self._textarea["name"], text))
            self._textarea = None

    def _close_select(self):
        select, self._select = self._select, None
        options = select["opts"]
        chosen = [o for o in options if o["selected"]]
        if not chosen and options and not select["multiple"]:
            chosen = options[:1]
        for option in chosen:
            value = option["value"] if option["value"] is not None else option["text"].strip()
            self._fields.append((select["name"], value))


def forms_in(html):
    """Every form of the page, as [{"attrs": {...}, "fields": [(name, value), ...]}]."""
    parser = _Forms()
    parser.feed(html if isinstance(html, str) else html.decode())
    return parser.forms


def as_rendered(response, *, form=None):
    """The data a browser would post from the page's form: the one with `form` in its action,
    or the page's only POST form with fields other than the CSRF token."""
    candidates = [
        f
        for f in forms_in(response.content)
        if f["attrs"].get("method", "get").lower() == "post"
        and (form is None or form in f["attrs"].get("action", ""))
        and any(name != "csrfmiddlewaretoken" for name, _ in f["fields"])
    ]
    assert len(candidates) == 1, f"expected one form to post, found {len(candidates)}"
    data = {}
    for name, value in candidates[0]["fields"]:
        data.setdefault(name, []).append(value)
    # One value as itself, several as a list: what the test client posts as repeated fields.
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}
