// The page's whole logic, without a build step: fetch with a stream reader for the answer, and a
// plain POST for the schedule. Every failure is told in words, never only in the console.
"use strict";

const config = Object.assign(
  { proxyUrl: "http://localhost:8080", scheduleUrl: "http://localhost:8081" },
  window.APP_CONFIG || {}
);

const $ = (id) => document.getElementById(id);

// Which Ollama answers, when the page's host says (java examples/run/RunExamples.java does): a
// fake's scripted answers must never pass for a model's.
if (config.ollama && config.ollama.note) {
  const note = $("ollama-note");
  note.textContent = config.ollama.note;
  note.classList.toggle("fake", Boolean(config.ollama.fake));
  note.hidden = false;
}

function showStatus(element, text, isError) {
  element.textContent = text;
  element.classList.toggle("error", Boolean(isError));
}

// fetch() rejects with the same TypeError whether the service is down or CORS refused this page.
// A no-cors request tells them apart: it succeeds (opaquely) whenever something answers at all.
// It asks for "/", which the services answer themselves (404), so the probe never reaches Ollama.
async function explainNetworkFailure(serviceName, baseUrl) {
  let answered = false;
  try {
    await fetch(baseUrl + "/", { mode: "no-cors", cache: "no-store" });
    answered = true;
  } catch (ignored) {
    answered = false;
  }
  if (answered) {
    return (
      `CORS refused: the ${serviceName} at ${baseUrl} is running but does not allow this page's ` +
      `origin (${window.location.origin}). Add it to app.cors.allowed-origins.`
    );
  }
  return (
    `The ${serviceName} is not reachable at ${baseUrl}. Is it running? ` +
    "Start everything with `docker compose up -d`, or without Docker with" +
    " `java examples/run/RunExamples.java`."
  );
}

async function explainHttpError(serviceName, response) {
  let message = "";
  try {
    const body = await response.json();
    message = body.error || JSON.stringify(body);
    // The suggester says what to do in a field of its own.
    if (body.hint) {
      message += `: ${body.hint}`;
    }
  } catch (ignored) {
    message = response.statusText;
  }
  // Ollama's own words, or the services' ("… is not on the Ollama server").
  if (response.status === 404 && /not found|is not on the Ollama server/i.test(message)) {
    return `The model is missing: ${message}`;
  }
  // A 503 with Retry-After is the service's own bound on work for Ollama, not Ollama being down.
  const retryAfter = response.headers.get("Retry-After");
  if (response.status === 503 && retryAfter) {
    return `Ollama is busy with other requests; try again in ${retryAfter} s. (${message})`;
  }
  if (response.status === 503 || response.status === 502 || response.status === 504) {
    return `The ${serviceName} cannot reach Ollama (${response.status}): ${message}`;
  }
  if (response.status === 413) {
    return `The prompt is too long (413): ${message}`;
  }
  return `The ${serviceName} answered ${response.status}: ${message}`;
}

// ---- ask: stream the answer as NDJSON lines arrive ----

async function ask(prompt) {
  const answer = $("answer");
  const status = $("ask-status");
  answer.textContent = "";
  showStatus(status, "Asking…", false);
  let response;
  try {
    response = await fetch(config.proxyUrl + "/ask-llm", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ prompt: prompt, stream: true }),
    });
  } catch (networkError) {
    showStatus(status, await explainNetworkFailure("proxy", config.proxyUrl), true);
    return;
  }
  if (!response.ok) {
    showStatus(status, await explainHttpError("proxy", response), true);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let buffered = "";
  let chunks = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      // {stream: true} keeps a multi-byte character split across reads intact.
      buffered += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) {
          chunks += handleLine(JSON.parse(line), answer, status);
        }
      }
    }
  } catch (streamError) {
    showStatus(status, `The answer stopped halfway: ${streamError.message}`, true);
    return;
  }
  if (!status.classList.contains("error")) {
    showStatus(status, `Done (${chunks} chunks).`, false);
  }
}

function handleLine(chunk, answer, status) {
  if (chunk.error) {
    showStatus(status, `The model failed while answering: ${chunk.error}`, true);
    return 0;
  }
  if (chunk.answer) {
    answer.textContent += chunk.answer;
    answer.dataset.chunks = String(Number(answer.dataset.chunks || 0) + 1);
  }
  return 1;
}

$("ask-form").addEventListener("submit", (event) => {
  event.preventDefault();
  $("answer").dataset.chunks = "0";
  ask($("prompt").value);
});

// ---- schedule: a form in, a timeline out ----

const exampleTasks = [
  { title: "週次レポートを書く", minutes: 90, priority: "high", deadline: "15:00" },
  { title: "Code review", minutes: 45, priority: "medium" },
  { title: "メール整理", minutes: 30, priority: "low" },
];

function addTaskRow(task) {
  const row = document.createElement("tr");
  row.innerHTML =
    '<td><input class="title" required></td>' +
    '<td><input class="minutes" type="number" min="5" step="5" required></td>' +
    '<td><select class="priority"><option>high</option><option>medium</option><option>low</option></select></td>' +
    '<td><input class="deadline" type="time"></td>' +
    '<td><button type="button" class="remove">✕</button></td>';
  row.querySelector(".title").value = task.title || "";
  row.querySelector(".minutes").value = task.minutes || 30;
  row.querySelector(".priority").value = task.priority || "medium";
  row.querySelector(".deadline").value = task.deadline || "";
  row.querySelector(".remove").addEventListener("click", () => row.remove());
  $("tasks").querySelector("tbody").appendChild(row);
}

function scheduleRequest() {
  const tasks = [];
  for (const row of $("tasks").querySelectorAll("tbody tr")) {
    const task = {
      title: row.querySelector(".title").value,
      minutes: Number(row.querySelector(".minutes").value),
      priority: row.querySelector(".priority").value,
    };
    const deadline = row.querySelector(".deadline").value;
    if (deadline) {
      task.deadline = deadline;
    }
    tasks.push(task);
  }
  const request = {
    date: $("date").value,
    workingHours: { start: $("work-start").value, end: $("work-end").value },
    breaks: [],
    tasks: tasks,
    language: $("language").value,
  };
  if ($("break-start").value && $("break-end").value) {
    request.breaks.push({ start: $("break-start").value, end: $("break-end").value });
  }
  return request;
}

const toMinutes = (hhmm) => {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
};

function renderTimeline(request, result) {
  const timeline = $("timeline");
  timeline.innerHTML = "";
  const start = toMinutes(request.workingHours.start);
  const end = toMinutes(request.workingHours.end);
  const pxPerMinute = 1.2;
  timeline.style.height = `${(end - start) * pxPerMinute}px`;
  for (let hour = Math.ceil(start / 60) * 60; hour <= end; hour += 60) {
    const label = document.createElement("div");
    label.className = "hour";
    label.style.top = `${(hour - start) * pxPerMinute - 6}px`;
    label.textContent = `${String(hour / 60).padStart(2, "0")}:00`;
    timeline.appendChild(label);
  }
  const place = (item, className) => {
    const slot = document.createElement("div");
    slot.className = className;
    slot.style.top = `${(toMinutes(item.start) - start) * pxPerMinute}px`;
    slot.style.height = `${(toMinutes(item.end) - toMinutes(item.start)) * pxPerMinute}px`;
    slot.textContent = `${item.start}–${item.end} ${item.title}`;
    timeline.appendChild(slot);
  };
  request.breaks.forEach((b) => place({ ...b, title: "break" }, "slot break"));
  (result.schedule || []).forEach((item) => place(item, "slot"));
  const unscheduled = $("unscheduled");
  unscheduled.innerHTML = "";
  (result.unscheduled || []).forEach((item) => {
    const li = document.createElement("li");
    li.textContent = `Not placed: ${item.title} (${item.reason})`;
    unscheduled.appendChild(li);
  });
  const source = result.source === "fallback" ? " (planned by the fallback scheduler)" : "";
  $("schedule-note").textContent = (result.note || "") + source;
}

$("schedule-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = $("schedule-status");
  const request = scheduleRequest();
  showStatus(status, "Planning…", false);
  let response;
  try {
    response = await fetch(config.scheduleUrl + "/api/suggest-schedule", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
  } catch (networkError) {
    showStatus(status, await explainNetworkFailure("schedule suggester", config.scheduleUrl), true);
    return;
  }
  if (!response.ok) {
    showStatus(status, await explainHttpError("schedule suggester", response), true);
    return;
  }
  renderTimeline(request, await response.json());
  showStatus(status, "Here is your day.", false);
});

// The day to plan is today where the user is. Not toISOString(), which is UTC: in Tokyo before
// 9 a.m. it would still say yesterday.
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

if (!$("date").value) {
  $("date").value = localToday();
}
$("add-task").addEventListener("click", () => addTaskRow({}));
exampleTasks.forEach(addTaskRow);
