"use strict";

/**
 * The admin panel's views: log-in, the paged tenant list with suspend and
 * reactivate, and tenant creation. Uses `api`, `session` and `forms`.
 */
const byId = (id) => document.getElementById(id);

// Cursors of the pages visited so far: cursors[0] is the first page (null),
// so "previous" needs no support from the server.
const paging = { cursors: [null], index: 0, nextCursor: null };

function showView(loggedIn) {
  byId("login-view").hidden = loggedIn;
  byId("tenants-view").hidden = !loggedIn;
  byId("session").hidden = !loggedIn;
  byId("session-email").textContent = loggedIn ? session.email() : "";
}

/** Returns to the log-in form, e.g. when the token expired (401). */
function logOut(message) {
  session.clear();
  showView(false);
  const form = byId("login-form");
  forms.clearErrors(form);
  if (message) forms.showProblem(form.querySelector(".problem"), message);
}

function handleListError(error) {
  if (error.status === 401) return logOut("Your session has ended. Log in again.");
  forms.showProblem(byId("list-problem"), error.message, error.fieldErrors.map(
    (fieldError) => fieldError.field + ": " + fieldError.message));
}

function planLabel(plan) {
  if (plan && typeof plan === "object") return plan.name || plan.code || plan.id || "";
  return plan || "";
}

function formatDate(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? (value || "") : date.toLocaleString();
}

function statusAction(tenant) {
  const suspended = tenant.status === "suspended";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "secondary";
  button.textContent = suspended ? "Reactivate" : "Suspend";
  button.addEventListener("click", () => changeStatus(tenant, suspended ? "reactivate" : "suspend", button));
  return button;
}

function tenantRow(tenant) {
  const row = document.createElement("tr");
  const cells = [tenant.name, tenant.subdomain, planLabel(tenant.plan), tenant.status, tenant.currency,
    formatDate(tenant.created_at)];
  cells.forEach((text) => {
    const cell = row.insertCell();
    cell.textContent = text === undefined || text === null ? "" : String(text);
  });
  row.cells[3].className = "status status-" + String(tenant.status || "");
  row.insertCell().appendChild(statusAction(tenant));
  return row;
}

async function loadPage() {
  const limit = Number(byId("page-size").value);
  forms.hideProblem(byId("list-problem"));
  try {
    const page = await api.listTenants(limit, paging.cursors[paging.index]);
    const tenants = Array.isArray(page && page.data) ? page.data : [];
    byId("tenant-rows").replaceChildren(...tenants.map(tenantRow));
    if (tenants.length === 0) {
      const row = byId("tenant-rows").insertRow();
      const cell = row.insertCell();
      cell.colSpan = 7;
      cell.textContent = "No tenants on this page.";
    }
    paging.nextCursor = (page && page.next_cursor) || null;
  } catch (error) {
    paging.nextCursor = null;
    handleListError(error);
  }
  updatePager();
}

function updatePager() {
  byId("first-page").disabled = paging.index === 0;
  byId("previous-page").disabled = paging.index === 0;
  byId("next-page").disabled = !paging.nextCursor;
  byId("page-number").textContent = "Page " + (paging.index + 1);
}

function goToPage(index) {
  if (index > paging.index) paging.cursors[index] = paging.nextCursor;
  paging.cursors.length = index + 1;
  paging.index = index;
  return loadPage();
}

async function changeStatus(tenant, action, button) {
  const verb = action === "suspend" ? "Suspend" : "Reactivate";
  if (action === "suspend" && !window.confirm(verb + " " + tenant.name + "? Its shop stops serving.")) return;
  button.disabled = true;
  try {
    if (action === "suspend") await api.suspendTenant(tenant.id);
    else await api.reactivateTenant(tenant.id);
    await loadPage();
  } catch (error) {
    button.disabled = false;
    handleListError(error);
  }
}

async function loadPlans() {
  try {
    const response = await api.plans();
    const plans = Array.isArray(response) ? response : (response && Array.isArray(response.data) ? response.data : []);
    byId("plan-options").replaceChildren(...plans.map((plan) => {
      const option = document.createElement("option");
      option.value = typeof plan === "object" ? (plan.code || plan.slug || plan.id || "") : String(plan);
      option.label = planLabel(plan);
      return option;
    }));
  } catch (error) {
    // The plan field accepts typed text too, so a missing list only costs the suggestions.
    console.warn("loading plans failed:", error.message);
  }
}

function showCreatedOwner(result) {
  byId("created-tenant").textContent = result.tenant ? result.tenant.name + " (" + result.tenant.subdomain + ")" : "";
  byId("created-email").textContent = result.owner ? result.owner.email : "";
  byId("created-password").textContent = result.owner ? result.owner.one_time_password : "";
  byId("created-owner").hidden = false;
}

function closeCreatedOwner() {
  byId("created-password").textContent = "";
  byId("created-owner").hidden = true;
}

async function submitLogin(event) {
  event.preventDefault();
  const form = event.currentTarget;
  forms.clearErrors(form);
  const values = forms.values(form);
  await forms.busy(form, async () => {
    try {
      session.save(await api.login(values.email, values.password));
      form.reset();
      await enterPanel();
    } catch (error) {
      forms.showError(form, error);
    }
  });
}

async function submitCreate(event) {
  event.preventDefault();
  const form = event.currentTarget;
  forms.clearErrors(form);
  await forms.busy(form, async () => {
    try {
      showCreatedOwner(await api.createTenant(forms.values(form)));
      form.reset();
      await goToPage(0);
    } catch (error) {
      if (error.status === 401) return logOut("Your session has ended. Log in again.");
      forms.showError(form, error);
    }
  });
}

async function enterPanel() {
  showView(true);
  paging.cursors = [null];
  paging.index = 0;
  await Promise.all([loadPlans(), loadPage()]);
}

function start() {
  byId("login-form").addEventListener("submit", submitLogin);
  byId("create-form").addEventListener("submit", submitCreate);
  byId("logout").addEventListener("click", () => logOut());
  byId("created-close").addEventListener("click", closeCreatedOwner);
  byId("first-page").addEventListener("click", () => goToPage(0));
  byId("previous-page").addEventListener("click", () => goToPage(paging.index - 1));
  byId("next-page").addEventListener("click", () => goToPage(paging.index + 1));
  byId("page-size").addEventListener("change", () => goToPage(0));
  if (session.token()) enterPanel();
  else showView(false);
}

start();
