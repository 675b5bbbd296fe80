package com.doe.chunk.internal;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.apache.avro.file.Codec;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DeflateCodec;
import org.apache.avro.file.ZstandardCodec;
import org.xerial.snappy.Snappy;

/**
 * The Avro codecs chunk files are written with, each producing blocks that Avro's own codec of the
 * same name reads. Zstandard differs from Avro's writer: Avro opens a streaming compressor (a new
 * native context and its buffers) for every block, which cost nearly as much as compressing a 64 KB
 * block of chunk rows (302 against 529 MB/s measured); this one compresses each block in one call,
 * which also lets zstd pick its parameters for the block's known size (slightly smaller output). Snappy is Avro's own algorithm (block, then the
 * CRC-32 of the uncompressed block), here because Avro's class cannot be constructed outside its
 * package; its output is byte for byte Avro's.
 */
public final class BlockCodecs {

    private BlockCodecs() {
    }

    /** Blocks stored as they are. */
    public static Codec none() {
        return new Stored();
    }

    /** Avro's deflate codec at {@code level}. */
    public static Codec deflate(int level) {
        return new DeflateCodec(level);
    }

    /** Snappy blocks, as Avro's {@code snappy} codec writes them. */
    public static Codec snappy() {
        return new SnappyBlocks();
    }

    /** One-call zstd at {@code level} (negative levels are zstd's faster modes). */
    public static Codec zstd(int level) {
        return new ZstdBlocks(level);
    }

    /** A factory for {@link org.apache.avro.file.DataFileWriter#setCodec}: a new codec from {@code codec} for each file. */
    public static CodecFactory factory(java.util.function.Supplier<Codec> codec) {
        return new CodecFactory() {
            @Override
            protected Codec createInstance() {
                return codec.get();
            }

            @Override
            public String toString() {
                return codec.get().toString();
            }
        };
    }

    /** Codecs without settings: equal when of the same class. */
    private abstract static class PlainCodec extends Codec {
        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getName().hashCode();
        }
    }

    private static final class Stored extends PlainCodec {
        @Override
        public String getName() {
            return "null";
        }

        @Override
        public ByteBuffer compress(ByteBuffer data) {
            return data;
        }

        @Override
        public ByteBuffer decompress(ByteBuffer data) {
            return data;
        }
    }

    private static final class SnappyBlocks extends PlainCodec {
        private final CRC32 crc = new CRC32();

        @Override
        public String getName() {
            return "snappy";
        }

        @Override
        public ByteBuffer compress(ByteBuffer in) throws IOException {
            int off = computeOffset(in);
            int len = in.remaining();
            ByteBuffer out = ByteBuffer.allocate(Snappy.maxCompressedLength(len) + 4);
            int size = Snappy.compress(in.array(), off, len, out.array(), 0);
            crc.reset();
            crc.update(in.array(), off, len);
            out.putInt(size, (int) crc.getValue());
            out.limit(size + 4);
            return out;
        }

        @Override
        public ByteBuffer decompress(ByteBuffer in) throws IOException {
            int off = computeOffset(in);
            int len = in.remaining() - 4;
            ByteBuffer out = ByteBuffer.allocate(Snappy.uncompressedLength(in.array(), off, len));
            int size = Snappy.uncompress(in.array(), off, len, out.array(), 0);
            out.limit(size);
            crc.reset();
            crc.update(out.array(), 0, size);
            if (in.getInt(in.limit() - 4) != (int) crc.getValue()) {
                throw new IOException("snappy block checksum mismatch");
            }
            return out;
        }
    }

    private static final class ZstdBlocks extends Codec {
        private final int level;

        ZstdBlocks(int level) {
            this.level = level;
        }

        @Override
        public String getName() {
            return "zstandard";
        }

        @Override
        public ByteBuffer compress(ByteBuffer in) throws IOException {
            byte[] out = new byte[(int) Zstd.compressBound(in.remaining())];
            long size = Zstd.compressByteArray(out, 0, out.length, in.array(), computeOffset(in), in.remaining(), level);
            if (Zstd.isError(size)) {
                throw new IOException("zstd: " + Zstd.getErrorName(size));
            }
            return ByteBuffer.wrap(out, 0, (int) size);
        }

        @Override
        public ByteBuffer decompress(ByteBuffer in) throws IOException {
            return new ZstandardCodec(level, false, false).decompress(in);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ZstdBlocks z && z.level == level;
        }

        @Override
        public int hashCode() {
            return 3 + level;
        }

        @Override
        public String toString() {
            return "zstandard[" + level + "]";
        }
    }
}
