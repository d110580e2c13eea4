// Drives headless Chromium through Jupyter Notebook (the classic interface
// Debian's jupyter-notebook serves) with playwright-core: opens a notebook,
// clears its outputs, runs all cells through the Cell menu, waits for every
// cell to finish and checks that fresh outputs and SVG charts are on the
// page. Saves a screenshot and prints one JSON line describing the page.
//
// Environment: GK_URL (the notebook's URL with its token), GK_OUT (where the
// screenshot and the browser profile go), GK_CHROMIUM (the browser),
// GK_TIMEOUT_MS (how long all cells may take). Run by TestBrowser.
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const url = process.env.GK_URL;
const out = process.env.GK_OUT;
const executablePath = process.env.GK_CHROMIUM || "/usr/bin/chromium";
const runTimeout = Number(process.env.GK_TIMEOUT_MS || 120000);

const flags = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// step logs what the script does, with the time since it started.
const start = Date.now();
function step(msg) {
  console.error(`[${((Date.now() - start) / 1000).toFixed(1)} s] ${msg}`);
}

// menu opens the menu whose link has the id top, hovers over the submenus
// named by the ids of their items and clicks the last item, as a person
// does with the mouse.
async function menu(page, top, ...items) {
  await page.click(`#${top}`);
  for (const [i, id] of items.entries()) {
    const link = page.locator(`#${id} > a`).first();
    await link.waitFor({ state: "visible", timeout: 10000 });
    if (i < items.length - 1) {
      await link.hover();
    } else {
      await link.click();
    }
  }
}

// waitKernelIdle waits until the notebook's kernel is connected and idle.
async function waitKernelIdle(page, timeout) {
  await page.waitForFunction(() => {
    const nb = window.Jupyter && window.Jupyter.notebook;
    return nb && nb.kernel && nb.kernel.is_connected() &&
      document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
  }, null, { timeout, polling: 250 });
}

// prompts lists the input prompts of the code cells ("In [3]:", "In [*]:").
function prompts(page) {
  return page.$$eval(".code_cell .input_prompt", (els) => els.map((e) => e.textContent.replace(/\s+/g, " ").trim()));
}

// waitAllRun waits until every code cell shows an execution count and the
// kernel is idle again.
async function waitAllRun(page, timeout) {
  await page.waitForFunction(() => {
    const ps = [...document.querySelectorAll(".code_cell .input_prompt")].map((e) => e.textContent);
    return ps.length > 0 && ps.every((p) => /\[\d+\]/.test(p)) &&
      document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
  }, null, { timeout, polling: 250 });
}

// describe gathers what the page shows after the run.
function describe(page) {
  return page.evaluate(() => {
    const q = (sel) => [...document.querySelectorAll(sel)];
    return {
      kernel: (document.querySelector(".kernel_indicator_name") || {}).textContent || "",
      codeCells: q(".code_cell").length,
      prompts: q(".code_cell .input_prompt").map((e) => e.textContent.replace(/\s+/g, " ").trim()),
      outputs: q(".output_area").length,
      stdout: q(".output_stdout").map((e) => e.textContent),
      results: q(".output_result").map((e) => e.textContent),
      errors: q(".code_cell").flatMap((c, i) => [...c.querySelectorAll(".output_error")].map((e) =>
        `code cell ${i} \`${(c.querySelector(".CodeMirror-line") || {}).textContent || ""}\`: ${e.textContent}`)),
      svgs: q(".output_subarea svg").length,
    };
  });
}

// screenshot saves the whole notebook: the notebook scrolls inside #site,
// so the window is first made as tall as the notebook (at most 16000 px).
async function screenshot(page, file) {
  const height = await page.evaluate(() => {
    const site = document.querySelector("#site");
    const header = document.querySelector("#header");
    return (header ? header.offsetHeight : 0) + (site ? site.scrollHeight : document.body.scrollHeight);
  });
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height + 20, 900), 16000) });
  await page.evaluate(() => document.querySelector("#site") && document.querySelector("#site").scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  return file;
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(out, "chromium-profile-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: flags, viewport: { width: 1280, height: 900 },
  });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    page.on("pageerror", (e) => step(`page error: ${e.message}`));
    step(`opening ${url.replace(/token=[^&]+/, "token=…")}`);
    await page.goto(url, { waitUntil: "load" });
    await waitKernelIdle(page, 60000);
    // Never write the notebook back: the page serves the repository's copy.
    await page.evaluate(() => window.Jupyter.notebook.set_autosave_interval(0));
    step("kernel idle; clearing outputs: Cell → All Output → Clear");
    await menu(page, "celllink", "all_outputs", "clear_all_output");
    const cleared = await describe(page);
    step(`cleared: ${cleared.outputs} output areas, prompts ${cleared.prompts.join(" ")}`);
    step("running: Cell → Run All");
    await menu(page, "celllink", "run_all_cells");
    await waitAllRun(page, runTimeout);
    step(`all cells ran: ${(await prompts(page)).join(" ")}`);
    await page.waitForTimeout(500); // let the last outputs render
    const shown = await describe(page);
    const shot = await screenshot(page, path.join(out, "screenshot.png"));
    console.log(JSON.stringify({ cleared, shown, screenshot: shot }));
  } finally {
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
