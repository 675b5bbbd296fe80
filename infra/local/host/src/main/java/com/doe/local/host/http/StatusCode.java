package com.doe.local.host.http;

import com.microsoft.azure.functions.HttpStatusType;

/** Any HTTP status code, for responses built with a code that is not an {@code HttpStatus} constant. */
record StatusCode(int value) implements HttpStatusType {
}
