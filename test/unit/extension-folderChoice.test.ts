// The multi-root folder choice behind the adapters: labels, the pick's rows, what a new choice and a removed folder mean.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import { planForStartError } from "../../src/extension/model/startErrorActions";
import {
  CURRENT_FOLDER,
  dirLabel,
  effectOfChoice,
  FOLDER_PICK_PLACEHOLDER,
  folderPicks,
  folderRemovedMessage,
  planForRemovedFolders,
  type FolderRef,
} from "../../src/extension/model/folderChoice";

const ws = join("/", "tmp", "ws");
const alpha: FolderRef = { name: "alpha", uri: "file:///tmp/ws/alpha", fsPath: join(ws, "alpha") };
const beta: FolderRef = { name: "beta", uri: "file:///tmp/ws/beta", fsPath: join(ws, "beta") };

describe("dirLabel", () => {
  test("one folder: relative to it, exactly as before", () => {
    assert.equal(dirLabel(join(beta.fsPath, "certs"), beta, false), "certs/");
    assert.equal(dirLabel(join(beta.fsPath, "sec", "mtls"), beta, false), "sec/mtls/");
  });

  test("multi-root: the folder's name first", () => {
    assert.equal(dirLabel(join(beta.fsPath, "certs"), beta, true), "beta/certs/");
    assert.equal(dirLabel(join(alpha.fsPath, "sec", "mtls"), alpha, true), "alpha/sec/mtls/");
  });

  test("outside the folder, the folder itself, or no folder: the full path", () => {
    for (const multiRoot of [false, true]) {
      assert.equal(dirLabel(join(alpha.fsPath, "certs"), beta, multiRoot), join(alpha.fsPath, "certs"));
      assert.equal(dirLabel("/elsewhere/certs", beta, multiRoot), "/elsewhere/certs");
      assert.equal(dirLabel(beta.fsPath, beta, multiRoot), beta.fsPath);
      assert.equal(dirLabel("/home/u/.storage/certs", null, multiRoot), "/home/u/.storage/certs");
    }
  });

  test("the missing-certificates question names the folder in multi-root workspaces only", () => {
    const err = {
      code: "cert_missing" as const,
      message: "missing",
      detail: { path: join(alpha.fsPath, "certs", "server.crt") },
    };
    assert.equal(
      planForStartError(err, dirLabel(join(alpha.fsPath, "certs"), alpha, true)).message,
      "No mTLS certificates in alpha/certs/. Generate them now?",
    );
    assert.equal(
      planForStartError(err, dirLabel(join(alpha.fsPath, "certs"), alpha, false)).message,
      "No mTLS certificates in certs/. Generate them now?",
    );
  });
});

describe("folderPicks", () => {
  test("one row per folder in workspace order, name as label, path as description", () => {
    assert.deepEqual(folderPicks([alpha, beta], undefined), [
      { label: "alpha", description: alpha.fsPath, uri: alpha.uri },
      { label: "beta", description: beta.fsPath, uri: beta.uri },
    ]);
  });

  test("the current folder says so; the labels stay the bare names", () => {
    const rows = folderPicks([alpha, beta], beta.uri);
    assert.deepEqual(
      rows.map((r) => r.label),
      ["alpha", "beta"],
    );
    assert.equal(rows[0]!.description, alpha.fsPath);
    assert.equal(rows[1]!.description, `${CURRENT_FOLDER} · ${beta.fsPath}`);
  });

  test("a current folder that is no longer in the workspace marks nothing", () => {
    assert.ok(folderPicks([alpha], beta.uri).every((r) => !r.description.startsWith(CURRENT_FOLDER)));
  });

  test("the question names what the folder is for", () =>
    assert.equal(FOLDER_PICK_PLACEHOLDER, "Which folder's config/ and certs/ should Mock GPT use?"));
});

describe("effectOfChoice", () => {
  test("running or starting on another folder: restart there", () => {
    assert.equal(effectOfChoice(alpha.uri, beta.uri, true), "restart");
    // Built-in defaults (no folder) count as another folder too.
    assert.equal(effectOfChoice(alpha.uri, null, true), "restart");
  });

  test("stopped with another folder loaded: reload, no start", () => {
    assert.equal(effectOfChoice(alpha.uri, beta.uri, false), "reload");
  });

  test("the same folder, or nothing loaded yet: nothing to do", () => {
    assert.equal(effectOfChoice(beta.uri, beta.uri, true), "none");
    assert.equal(effectOfChoice(beta.uri, beta.uri, false), "none");
    assert.equal(effectOfChoice(alpha.uri, undefined, false), "none");
    assert.equal(effectOfChoice(alpha.uri, undefined, true), "none");
  });
});

describe("planForRemovedFolders", () => {
  test("the running folder removed: forget, drop, stop, and name it", () => {
    assert.deepEqual(planForRemovedFolders([beta], beta.uri, beta.uri, true), {
      forget: true,
      drop: true,
      stop: true,
      folderName: "beta",
    });
  });

  test("the remembered folder removed while stopped: forget and drop, nothing to stop", () => {
    assert.deepEqual(planForRemovedFolders([beta], beta.uri, beta.uri, false), {
      forget: true,
      drop: true,
      stop: false,
      folderName: "beta",
    });
  });

  test("another folder removed: nothing changes", () => {
    assert.deepEqual(planForRemovedFolders([alpha], beta.uri, beta.uri, true), {
      forget: false,
      drop: false,
      stop: false,
      folderName: null,
    });
  });

  test("the serving folder was never remembered (it was the only one): still stopped", () => {
    assert.deepEqual(planForRemovedFolders([alpha], undefined, alpha.uri, true), {
      forget: false,
      drop: true,
      stop: true,
      folderName: "alpha",
    });
  });

  test("remembered but nothing loaded, or on built-in defaults: only forget", () => {
    assert.deepEqual(planForRemovedFolders([beta], beta.uri, undefined, false), {
      forget: true,
      drop: false,
      stop: false,
      folderName: null,
    });
    assert.deepEqual(planForRemovedFolders([beta], beta.uri, null, true), {
      forget: true,
      drop: false,
      stop: false,
      folderName: null,
    });
  });

  test("the warning names the folder", () => {
    assert.equal(
      folderRemovedMessage("beta"),
      'Mock GPT stopped: the folder "beta" it was running on was removed from the workspace.',
    );
  });
});
