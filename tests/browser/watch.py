"""Records what a browser page does: requests, failures, console errors and dialogs."""

import time
from urllib.parse import urlsplit

from playwright.sync_api import Page

LOCAL_HOSTS = ("127.0.0.1", "localhost")


class Watch:
    """Every request, failed response, console error and dialog of a page since the last reset."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.reset()
        self.in_flight = 0
        self.last_activity = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.failures.append(f"{response.status} {response.url}")
            ),
        )
        page.on("requestfailed", self._failed)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _started(self, request) -> None:
        self.requests.append(request.url)
        self.in_flight += 1
        self.last_activity = time.monotonic()

    def _ended(self, request) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last_activity = time.monotonic()

    def settle(self, quiet: float = 0.15, timeout: float = 30) -> None:
        """Wait for the load event, then until no request has been open for `quiet` seconds:
        what the page fetches on its own (its components' modules, data, search index) is in.
        Playwright's "networkidle" waits a fixed half second more on every page."""
        self.page.wait_for_load_state("load")
        deadline = time.monotonic() + timeout
        while self.in_flight or time.monotonic() - self.last_activity < quiet:
            assert time.monotonic() < deadline, f"requests still open after {timeout} s: {self.page.url}"
            self.page.wait_for_timeout(25)

    def _failed(self, request) -> None:
        self._ended(request)
        # A request cut short because the page navigated away is not a broken resource.
        if request.failure != "net::ERR_ABORTED":
            self.failures.append(f"failed {request.url} ({request.failure})")

    def reset(self) -> None:
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ]

    def problems(self) -> list[str]:
        return (
            [f"request left 127.0.0.1: {url}" for url in self.foreign()]
            + [f"failed request: {failure}" for failure in self.failures]
            + [f"console error: {error}" for error in self.errors]
            + [f"dialog opened: {dialog}" for dialog in self.dialogs]
        )

    def assert_clean(self) -> None:
        assert self.problems() == []
