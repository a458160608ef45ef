/* Saved progress: the storage layer every saving component uses, and the storage controls
   (export, import, clear all). What the toolkit keeps lives in this browser's localStorage, under
   keys that start with "tk:" (tk:checklist:<id>, tk:template:<id>, tk:planner), and nowhere
   else: nothing here sends anything. Loaded by assets/toolkit.js before the components that save. */
(() => {
  "use strict";
  const { say, fill, labelsOf, actions, download, today } = window.tk;

  const PREFIX = "tk:";
  const FORMAT = "techrights-toolkit";
  const KEY = /^tk:(?:checklist:[a-z0-9]+(?:-[a-z0-9]+)*|template:[a-z0-9]+(?:-[a-z0-9]+)*|planner)$/;
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const MAX_IMPORT_BYTES = 2000000;

  /* ----------------------------------------------------------- storage */

  const store = {
    available() {
      try {
        window.localStorage.setItem(`${PREFIX}probe`, "1");
        window.localStorage.removeItem(`${PREFIX}probe`);
        return true;
      } catch (error) {
        return false; // storage disabled, or full
      }
    },
    get(key, fallback) {
      try {
        const raw = window.localStorage.getItem(key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (error) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
        return true;
      } catch (error) {
        return false;
      }
    },
    remove(key) {
      try {
        window.localStorage.removeItem(key);
      } catch (error) {
        /* nothing to remove */
      }
    },
    keys() {
      const out = [];
      try {
        for (let i = 0; i < window.localStorage.length; i += 1) {
          const key = window.localStorage.key(i);
          if (key && key.startsWith(PREFIX)) out.push(key);
        }
      } catch (error) {
        /* no storage: no keys */
      }
      return out.sort();
    },
  };

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
    for (const key of store.keys()) store.remove(key);
    storageChanged();
  }

  function mountStorage(bar) {
    const labels = labelsOf(bar);
    const input = bar.querySelector("[data-tk-import]");
    bar.hidden = false;
    if (!store.available()) {
      for (const button of bar.querySelectorAll("button")) button.disabled = true;
      say(bar, labels.unavailable);
      return;
    }
    actions(
      bar,
      {
        export() {
          const file = `toolkit-data-${today()}.json`;
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

  window.tk.storage = { PREFIX, ID, store, changed: storageChanged, whenChanged: whenStorageChanges, isMap, isStringMap };
  window.tk.components["tk-storage"] = mountStorage;
})();
