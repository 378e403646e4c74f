// What an inspector controller is given by its host (VS Code view, editor tab, /ui route).
import type { RequestLog } from "../../log/requestLog";
import type { ServerStatus } from "../../server/types";
import type { ClientTlsPaths, ExportFormat } from "../../../shared/pages/inspector/protocol";
import type { InspectorSelection } from "./selection";

export interface InspectorControllerOptions {
  log: RequestLog;
  status(): ServerStatus;
  clientTls(): ClientTlsPaths | null;
  /** Subscribe to server status changes (URL changes after a restart); returns the unsubscribe. */
  onStatusChange?(listener: () => void): () => void;
  /** VS Code host: system clipboard. Browsers copy in the page, so /ui leaves this out. */
  writeClipboard?(text: string): Promise<void>;
  /** VS Code host: save dialog + write; resolves to where it saved, or null when cancelled. */
  saveExport?(content: string, suggestedName: string, format: ExportFormat): Promise<string | null>;
  /** VS Code host: the welcome content's Start button (Mock GPT: Start Server). @default none (the /ui page is served by a running server) */
  startServer?(): Promise<unknown> | void;
  /** The key a replay sends in place of a redacted one. @default () => null (a placeholder key) */
  replayApiKey?(): Promise<string | null> | string | null;
  /**
   * VS Code host: command feedback as notifications. A replay that had to use the placeholder says
   * so (`placeholderKey`), so the host can offer to set a key. @default a notice in the page
   */
  notify?(level: "info" | "error", text: string, o?: { placeholderKey?: boolean }): void;
  /**
   * The sidebar's chosen entry. The sidebar's controller records the page's choices in it; with
   * `follow`, the controller shows its page whatever is chosen (the editor tab). @default none
   */
  selection?: InspectorSelection;
  /** This page is the editor tab: it follows `selection`. @default false */
  follow?: boolean;
  /** VS Code host: the page's Open in Editor button. @default none (the button is not offered) */
  openInEditor?(id: string): void;
  /** @default 100 */
  batchMs?: number;
  /** HAR creator version. */
  version?: string;
}
