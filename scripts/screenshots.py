"""Write PNGs of the key pages, as each role sees them, and of the board pack's pages.

Runs a throwaway copy of the demo (its own SQLite file) on a spare local port, so it
never touches db.sqlite3. Usage: make screenshots  (PNGs land in screenshots/).
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"
PYTHON = sys.executable
PASSWORD = os.environ.get("DEMO_PASSWORD", "sefton-demo-2026")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

# (role, file name, path): paths are the pages each role uses most.
PAGES = [
    ("manager", "owner-my-actions", "/my-actions/"),
    ("manager", "owner-action", "{action}"),
    ("manager", "owner-update-form", "{action}update/"),
    ("chair", "chair-plan", "/"),
    ("chair", "chair-dashboard", "/review/dashboard/"),
    ("chair", "chair-review-list", "/review/actions/"),
    ("chair", "chair-indicators", "/indicators/"),
    ("officer", "officer-board-packs", "/board-packs/"),
    ("officer", "officer-spreadsheets", "/spreadsheets/"),
    ("officer", "officer-admin-actions", "/admin/plans/action/"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def main():
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    tmp = tempfile.mkdtemp()
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp}/screens.sqlite3"}
    for command in (["migrate", "--noinput"], ["load_sefton_plan"], ["load_demo_users"]):
        manage(env, *command)
    if (ROOT / "indicators" / "management" / "commands" / "load_sefton_indicators.py").exists():
        manage(env, "load_sefton_indicators")
    port = free_port()
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        time.sleep(2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            written, failed = [], []
            for role in dict.fromkeys(role for role, _, _ in PAGES):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{base}/sign-in/")
                page.get_by_label("Username").fill(role)
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                action = first_action_url(page, base)
                for page_role, name, path in PAGES:
                    if page_role != role:
                        continue
                    response = page.goto(base + path.format(action=action))
                    target = OUT / f"{name}.png"
                    page.screenshot(path=target, full_page=True)
                    status = response.status if response else 0
                    written.append(f"{status} {target.relative_to(ROOT)}")
                    if status != 200:
                        failed.append(path)
                page.close()
            browser.close()
        written += board_pack_pages(env)
        print("\n".join(written))
        if failed:
            sys.exit(f"These pages did not open: {', '.join(failed)}")
    finally:
        server.terminate()


def first_action_url(page, base):
    page.goto(f"{base}/my-actions/")
    link = page.locator("a[href^='/actions/']").first
    return link.get_attribute("href") if link.count() else "/"


def board_pack_pages(env):
    """Build the pack for the demo's first quarter and render its pages to PNG."""
    pdf = OUT / "board-pack.pdf"
    for old in OUT.glob("board-pack-*.png"):
        old.unlink()
    try:
        manage(env, "board_pack", "--plan", "sefton-youth-justice-service-development-plan-april-2022",
               "--period", "2022-Q1", "--output", str(pdf))
    except subprocess.CalledProcessError as exc:
        return [f"board pack not built: {exc}"]
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "board-pack")], check=True)
    return [str(p.relative_to(ROOT)) for p in sorted(OUT.glob("board-pack-*.png"))]


if __name__ == "__main__":
    main()
