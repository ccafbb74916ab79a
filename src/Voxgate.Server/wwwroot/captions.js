// The conversation log: one entry per user or assistant item, updated live from caption events.
// Test hooks: every entry carries data-role, data-item-id and data-final; the log carries the latest
// user and assistant text in data-user-text and data-assistant-text.

export class Captions {
  constructor(list) {
    this.list = list;
    this.items = new Map(); // `${role}:${item_id}` → entry element
    this.lastAssistant = null;
  }

  clearPlaceholder() {
    this.list.querySelector(".empty")?.remove();
  }

  entry(role, itemId) {
    const key = `${role}:${itemId ?? "?"}`;
    let li = this.items.get(key);
    if (!li) {
      this.clearPlaceholder();
      li = document.createElement("li");
      li.className = `turn ${role}`;
      li.dataset.role = role;
      if (itemId) li.dataset.itemId = itemId;
      li.dataset.final = "false";
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = role === "user" ? "You" : "Agent";
      const text = document.createElement("p");
      text.className = "text";
      const meta = document.createElement("span");
      meta.className = "meta";
      li.append(who, text, meta);
      this.list.append(li);
      this.items.set(key, li);
      if (role === "assistant") this.lastAssistant = li;
    }
    return li;
  }

  setText(li, text, final) {
    li.querySelector(".text").textContent = text;
    if (final) li.dataset.final = "true";
    li.classList.toggle("pending", !text);
    this.list.dataset[li.dataset.role === "user" ? "userText" : "assistantText"] = text;
    this.scroll();
  }

  /** The person started talking: show a listening placeholder until words arrive. */
  listening(itemId) {
    const li = this.entry("user", itemId);
    if (!li.querySelector(".text").textContent) li.classList.add("pending");
    this.scroll();
  }

  userPartial(itemId, text) {
    this.setText(this.entry("user", itemId), text, false);
  }

  userFinal(itemId, text) {
    const li = this.entry("user", itemId);
    if (!text) {
      // Noise that produced no words: drop the placeholder rather than leave an empty turn.
      li.remove();
      this.items.delete(`user:${itemId ?? "?"}`);
      return;
    }
    this.setText(li, text, true);
  }

  typed(text) {
    const li = this.entry("user", `typed-${crypto.randomUUID?.() ?? Date.now()}`);
    li.dataset.typed = "true";
    this.setText(li, text, true);
  }

  assistantStarted(itemId) {
    const li = this.entry("assistant", itemId);
    if (!li.querySelector(".text").textContent) li.classList.add("pending");
  }

  assistantDelta(itemId, delta) {
    const li = this.entry("assistant", itemId);
    const text = li.querySelector(".text").textContent + delta;
    this.setText(li, text, false);
  }

  assistantFinal(itemId, text) {
    this.setText(this.entry("assistant", itemId), text, true);
  }

  interrupted(itemId, playedMs) {
    const li = this.items.get(`assistant:${itemId}`);
    if (!li) return;
    li.dataset.interrupted = "true";
    if (Number.isFinite(playedMs)) li.dataset.playedMs = String(playedMs);
    this.renderMeta(li);
  }

  /** Latency of the turn that just ended, shown on the agent's latest entry. */
  latency(ms, status) {
    // The entry created since the last response.done; a response cancelled before it spoke has none.
    const li = this.lastAssistant;
    this.lastAssistant = null;
    if (!li) return;
    if (Number.isFinite(ms)) li.dataset.latencyMs = String(ms);
    if (status) li.dataset.status = status;
    this.renderMeta(li);
  }

  tool(msg) {
    const key = `tool:${msg.call_id ?? msg.name}`;
    let li = this.items.get(key);
    if (!li) {
      this.clearPlaceholder();
      li = document.createElement("li");
      li.className = "tool";
      li.dataset.role = "tool";
      li.dataset.callId = msg.call_id ?? "";
      this.list.append(li);
      this.items.set(key, li);
    }
    li.dataset.status = msg.status ?? "";
    if (msg.name) li.dataset.name = msg.name;
    if (msg.arguments) li.dataset.arguments = msg.arguments;
    const name = li.dataset.name ?? "tool";
    const args = describeArguments(li.dataset.arguments);
    const reference = referenceIn(msg.result);
    if (reference) li.dataset.reference = reference;
    li.textContent = msg.status === "completed"
      ? `✓ ${name}${args ? ` (${args})` : ""}${reference ? ` — reference ${reference}` : " done"}`
      : `⋯ ${name}${args ? ` (${args})` : ""} running`;
    this.scroll();
  }

  renderMeta(li) {
    const parts = [];
    if (li.dataset.latencyMs) parts.push(`answered in ${formatMs(Number(li.dataset.latencyMs))}`);
    if (li.dataset.interrupted) {
      parts.push(li.dataset.playedMs ? `interrupted after ${formatMs(Number(li.dataset.playedMs))}` : "interrupted");
    } else if (li.dataset.status === "cancelled") {
      parts.push("cancelled before it was heard");
    } else if (li.dataset.status === "failed") {
      parts.push("the reply failed");
    }
    li.querySelector(".meta").textContent = parts.join(" · ");
    this.scroll();
  }

  scroll() {
    this.list.scrollTop = this.list.scrollHeight;
  }
}

export function formatMs(ms) {
  if (!Number.isFinite(ms)) return "–";
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A booking reference (GB-YYYYMMDD-###) in a tool's result, shown so the caller can note it. */
function referenceIn(result) {
  if (result == null) return null;
  try {
    const value = typeof result === "string" ? JSON.parse(result) : result;
    if (value && typeof value.reference === "string") return value.reference;
  } catch {
    // Not JSON: look for the pattern in the text.
  }
  const match = /\bGB-\d{8}-\d{3}\b/.exec(String(result));
  return match ? match[0] : null;
}

function describeArguments(args) {
  if (args == null || args === "") return "";
  let value = args;
  if (typeof value === "string") {
    try { value = JSON.parse(value); } catch { return value; }
  }
  if (typeof value !== "object") return String(value);
  return Object.entries(value).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join(", ");
}
