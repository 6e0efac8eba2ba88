package dev.portway.allocator.config;

import dev.portway.allocator.pool.PortRange;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads "20000-29999" or "22" from configuration; SmallRye names the offending property on failure. */
public class PortRangeConverter implements Converter<PortRange> {

    @Override
    public PortRange convert(String value) {
        return PortRange.parse(value);
    }
}
