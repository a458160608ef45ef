/* Saved progress: the storage layer every saving component uses, and the storage controls
   (export, import, clear all, where things are kept). What the toolkit keeps lives in this
   browser, under keys that start with "tk:" (tk:checklist:<id>, tk:template:<id>, tk:planner):
   for this tab only until the reader chooses to keep it on the device. Nothing here sends
   anything. Loaded by assets/toolkit.js before the components that save. */
(() => {
  "use strict";
  const { say, fill, labelsOf, actions, download, today } = window.tk;

  const PREFIX = "tk:";
  const FORMAT = "techrights-toolkit";
  const KEY = /^tk:(?:checklist:[a-z0-9]+(?:-[a-z0-9]+)*|template:[a-z0-9]+(?:-[a-z0-9]+)*|planner)$/;
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const MAX_IMPORT_BYTES = 2000000;

  /* ----------------------------------------------------------- storage */

  // Where things are kept is the reader's choice, asked the first time something would be kept:
  // "device" (localStorage: it stays after the browser closes) or "tab" (sessionStorage: it goes
  // when the tab closes). Until the reader chooses, everything is kept for the tab only, so nothing
  // stays on a shared phone by default. The choice itself is kept where it says: "device" in
  // localStorage, "tab" in sessionStorage (asked again in a new tab).
  const MODE = `${PREFIX}storage`;
  const area = (name) => {
    try {
      return name === "device" ? window.localStorage : window.sessionStorage;
    } catch (error) {
      return null; // storage disabled
    }
  };
  const readMode = () => {
    try {
      if (area("device") && area("device").getItem(MODE) === "device") return "device";
      if (area("tab") && area("tab").getItem(MODE) === "tab") return "tab";
    } catch (error) {
      /* storage disabled */
    }
    return null;
  };
  const current = () => area(readMode() === "device" ? "device" : "tab");
  const keysOf = (storage) => {
    const out = [];
    try {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key && key.startsWith(PREFIX) && key !== MODE) out.push(key);
      }
    } catch (error) {
      /* no storage: no keys */
    }
    return out.sort();
  };

  const store = {
    available() {
      const storage = current();
      try {
        storage.setItem(`${PREFIX}probe`, "1");
        storage.removeItem(`${PREFIX}probe`);
        return true;
      } catch (error) {
        return false; // storage disabled, or full
      }
    },
    mode: readMode, // "device", "tab", or null before the reader chose
    get(key, fallback) {
      try {
        const raw = current().getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (error) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        current().setItem(key, JSON.stringify(value));
        return true;
      } catch (error) {
        return false;
      }
    },
    remove(key) {
      try {
        current().removeItem(key);
      } catch (error) {
        /* nothing to remove */
      }
    },
    keys: () => keysOf(current()),
    // Keep things on the device from now on, or only in this tab: what is kept moves with it.
    choose(mode) {
      const from = current();
      const to = area(mode);
      if (!to) return false;
      try {
        for (const key of keysOf(from)) {
          if (from !== to) to.setItem(key, from.getItem(key));
        }
        if (from !== to) for (const key of keysOf(from)) from.removeItem(key);
        area("device").removeItem(MODE);
        area("tab").removeItem(MODE);
        to.setItem(MODE, mode);
        return true;
      } catch (error) {
        return false;
      }
    },
    // Everything the toolkit kept, in both places, and the choice too (it is asked again).
    clear() {
      for (const name of ["device", "tab"]) {
        const storage = area(name);
        if (!storage) continue;
        for (const key of keysOf(storage)) storage.removeItem(key);
        try {
          storage.removeItem(MODE);
        } catch (error) {
          /* nothing to remove */
        }
      }
    },
  };

  // Before anything is kept, a component shows the choice (its [data-tk-choice] box); the reader's
  // answer applies everywhere, and every open box closes.
  function ask(root) {
    if (store.mode()) return;
    const box = root.querySelector("[data-tk-choice]");
    if (box) box.hidden = false;
  }
  function showMode() {
    const mode = store.mode();
    for (const node of document.querySelectorAll("[data-tk-mode]")) node.hidden = node.dataset.tkMode !== (mode || "none");
    for (const box of document.querySelectorAll("[data-tk-choice]")) if (mode) box.hidden = true;
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-tk-keep]");
    if (!button || !store.choose(button.dataset.tkKeep)) return;
    const root = button.closest("[data-labels]");
    showMode();
    storageChanged();
    if (root) say(root, labelsOf(root)[button.dataset.tkKeep === "device" ? "keptDevice" : "keptTab"] || "");
  });

  // Components re-read storage when it changes: here (import, clear), or in another tab.
  const listeners = new Set();
  const whenStorageChanges = (element, refresh) => listeners.add({ element, refresh });
  function storageChanged(except) {
    for (const entry of [...listeners]) {
      if (!entry.element.isConnected) listeners.delete(entry); // a page left by instant navigation
      else if (entry.element !== except) entry.refresh();
    }
  }
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(PREFIX)) storageChanged();
  });

  const isMap = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  const isStringMap = (value) => isMap(value) && Object.values(value).every((v) => typeof v === "string");

  // What a saved value may look like, per kind of key: anything else in a file is refused.
  function validValue(key, value) {
    if (key.startsWith(`${PREFIX}checklist:`)) return Array.isArray(value) && value.every((v) => typeof v === "string" && ID.test(v));
    if (key === `${PREFIX}planner`) return isStringMap(value);
    if (key.startsWith(`${PREFIX}template:`)) {
      if (!isMap(value) || Object.keys(value).some((k) => k !== "fields" && k !== "rows")) return false;
      if (value.fields !== undefined && !isStringMap(value.fields)) return false;
      return value.rows === undefined || (Array.isArray(value.rows) && value.rows.every(isStringMap));
    }
    return false;
  }

  /* -------------------------------------------- export, import, clear all */

  function exportAll() {
    const data = {};
    for (const key of store.keys()) {
      const value = store.get(key, undefined);
      if (KEY.test(key) && validValue(key, value)) data[key] = value;
    }
    return { format: FORMAT, version: 1, exported: new Date().toISOString(), data };
  }

  // Restores a file made by exportAll: all of it, or (when anything in it is wrong) none of it.
  async function importFile(file) {
    if (!file || file.size > MAX_IMPORT_BYTES) return null;
    let parsed;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      return null;
    }
    if (!isMap(parsed) || parsed.format !== FORMAT || parsed.version !== 1 || !isMap(parsed.data)) return null;
    const entries = Object.entries(parsed.data);
    if (!entries.every(([key, value]) => KEY.test(key) && validValue(key, value))) return null;
    for (const [key, value] of entries) if (!store.set(key, value)) return null;
    storageChanged();
    return entries.length;
  }

  function clearAll() {
    store.clear();
    showMode();
    storageChanged();
  }

  function mountStorage(bar) {
    const labels = labelsOf(bar);
    const input = bar.querySelector("[data-tk-import]");
    bar.hidden = false;
    showMode();
    if (!store.available()) {
      for (const button of bar.querySelectorAll("button")) button.disabled = true;
      say(bar, labels.unavailable);
      return;
    }
    actions(
      bar,
      {
        export() {
          const file = `${labels.file}-${today()}.json`;
          const payload = exportAll();
          download(file, `${JSON.stringify(payload, null, 2)}\n`, "application/json");
          say(bar, Object.keys(payload.data).length ? fill(labels.exported, { file }) : labels.empty);
        },
        import() {
          input.click();
        },
      },
      {
        clear() {
          clearAll();
          say(bar, labels.cleared);
        },
      },
    );
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      input.value = "";
      if (!file) return;
      const count = await importFile(file);
      say(bar, count === null ? labels.importBad : fill(labels.imported, { count }));
    });
  }

  window.tk.storage = { PREFIX, ID, store, ask, changed: storageChanged, whenChanged: whenStorageChanges, isMap, isStringMap };
  window.tk.components["tk-storage"] = mountStorage;
})();
