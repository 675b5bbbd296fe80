package com.doe.sink.blob;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet file in memory, for reading back what the sink wrote. */
final class BytesInputFile implements InputFile {

    private final byte[] bytes;

    BytesInputFile(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long getLength() {
        return bytes.length;
    }

    @Override
    public SeekableInputStream newStream() {
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() {
                return bytes.length - in.available();
            }

            @Override
            public void seek(long newPos) throws IOException {
                in.reset();
                in.skip(newPos);
            }
        };
    }
}
