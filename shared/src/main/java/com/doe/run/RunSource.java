package com.doe.run;

/** The file a run processes: its container, blob name and the ETag of the version that was read. */
public record RunSource(String container, String blob, String etag) {
}
