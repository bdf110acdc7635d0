"use strict";

/**
 * The platform API as seen from the admin host: JSON requests to /api with
 * the session's bearer token. Failures become ApiError values that carry
 * the RFC 9457 problem document when the server sent one.
 */
const TOKEN_KEY = "commerce.admin.token";
const TOKEN_EXPIRY_KEY = "commerce.admin.token_expires_at";
const USER_EMAIL_KEY = "commerce.admin.email";

class ApiError extends Error {
  /** Creates the error of a failed request. A `status` of 0 means the server was not reached. */
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** The field errors of the problem as `{field, message}` objects. */
  get fieldErrors() {
    return (this.problem && Array.isArray(this.problem.errors)) ? this.problem.errors : [];
  }
}

const session = {
  token() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const expiresAt = Date.parse(sessionStorage.getItem(TOKEN_EXPIRY_KEY) || "");
    if (!token || (expiresAt && expiresAt <= Date.now())) return null;
    return token;
  },

  email() {
    return sessionStorage.getItem(USER_EMAIL_KEY) || "";
  },

  /** Stores a login response for this browser tab only. */
  save(login) {
    sessionStorage.setItem(TOKEN_KEY, login.access_token);
    sessionStorage.setItem(TOKEN_EXPIRY_KEY, login.expires_at || "");
    sessionStorage.setItem(USER_EMAIL_KEY, (login.user && login.user.email) || "");
  },

  clear() {
    [TOKEN_KEY, TOKEN_EXPIRY_KEY, USER_EMAIL_KEY].forEach((key) => sessionStorage.removeItem(key));
  },
};

/** Builds the message shown for a failed request, preferring the problem's detail. */
function problemMessage(status, problem) {
  if (problem && problem.detail) return problem.detail;
  if (problem && problem.title) return problem.title;
  return "The request failed with status " + status + ".";
}

/**
 * Sends one request and returns the decoded JSON body (null when empty).
 * Throws ApiError for a network failure or a non-2xx status.
 */
async function apiRequest(method, path, body) {
  const headers = { Accept: "application/json, application/problem+json" };
  const token = session.token();
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";

  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, null, "The server could not be reached: " + error.message);
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      data = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, data, problemMessage(response.status, data));
  return data;
}

const api = {
  login: (email, password) => apiRequest("POST", "/api/v1/auth/login", { email, password }),
  plans: () => apiRequest("GET", "/api/v1/plans"),
  listTenants(limit, cursor) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set("cursor", cursor);
    return apiRequest("GET", "/api/v1/admin/tenants?" + query.toString());
  },
  createTenant: (tenant) => apiRequest("POST", "/api/v1/admin/tenants", tenant),
  suspendTenant: (id) => apiRequest("POST", "/api/v1/admin/tenants/" + encodeURIComponent(id) + "/suspend", {}),
  reactivateTenant: (id) =>
    apiRequest("POST", "/api/v1/admin/tenants/" + encodeURIComponent(id) + "/reactivate", {}),
};
