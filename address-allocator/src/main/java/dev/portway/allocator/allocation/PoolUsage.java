package dev.portway.allocator.allocation;

/** One pool with how many of its ports are held and free right now. */
public record PoolUsage(String host, int portMin, int portMax, int reserved, int free) {
}
