"""A browser's user agent as a member recognises it: "Firefox on Windows", not the whole string. Bounded work:
a handful of substring checks on at most the 255 characters stored."""

BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
            ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"))
SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def describe(user_agent: str) -> str:
    browser = next((name for needle, name in BROWSERS if needle in user_agent), None)
    system = next((name for needle, name in SYSTEMS if needle in user_agent), None)
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or (user_agent[:60] or "?")
