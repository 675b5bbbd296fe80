package com.doe.sink.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression with snappy-java directly. Parquet's own codec factory goes through Hadoop's
 * codec classes and a Hadoop {@code Configuration}, which the Hadoop client API alone cannot build; this
 * one needs neither. Snappy and uncompressed only. Stateless and thread-safe.
 */
public final class SnappyCodecFactory implements CompressionCodecFactory {

    public static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

    private SnappyCodecFactory() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        require(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codec == CompressionCodecName.UNCOMPRESSED ? bytes : BytesInput.from(Snappy.compress(bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        require(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                if (codec == CompressionCodecName.UNCOMPRESSED) {
                    return bytes;
                }
                byte[] out = new byte[uncompressedSize];
                Snappy.uncompress(bytes.toByteArray(), 0, (int) bytes.size(), out, 0);
                return BytesInput.from(out);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static void require(CompressionCodecName codec) {
        if (codec != CompressionCodecName.SNAPPY && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("only snappy and uncompressed Parquet pages are supported, not " + codec);
        }
    }
}
