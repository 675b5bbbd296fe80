'use strict';
// Cosmos-style error bodies.
//
// Gap: cosmosdb-server answers many failures with an empty body ({} or {message: ""}) and lets
// unexpected exceptions (a missing partition key header, a missing parent resource) become 500.
// The Java SDK turns the status into a typed CosmosException (404 -> NotFoundException, ...) and
// shows the body's code and message to the user, so every error reply gets {code, message}, and
// client mistakes that surface as exceptions are answered 400 instead of 500.

const CODES = {
  400: 'BadRequest',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  424: 'FailedDependency',
  500: 'InternalServerError',
};

const MESSAGES = {
  404: 'Entity with the specified id does not exist in the system.',
  409: 'Entity with the specified id already exists in the system.',
  412: 'Operation cannot be performed because one of the specified precondition is not met.',
};

/** A Cosmos-style error body for `status`, keeping any code/message the handler gave. */
function errorBody(status, body) {
  const given = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  return {
    ...given,
    code: given.code || CODES[status] || 'Error',
    message: given.message || MESSAGES[status] || `Request failed with status ${status}.`,
  };
}

/** Status for an exception thrown by a handler: client mistakes are 400, the rest 500. */
function statusForException(err) {
  if (err && (err.badRequest || /Failed to parse x-ms-documentdb-partitionkey/.test(err.message))) {
    return 400;
  }
  return 500;
}

/** An error to throw from our own handlers that maps to `status`. */
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

module.exports = { errorBody, statusForException, HttpError };
