package dev.cirrus.connect.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;

/**
 * The summed final values of one task's counters over its past runs in this JVM, as a read-only
 * MBean {@code cirrus.connect:type=retired-task-metrics,connector=…,task=…}: one attribute per
 * counter. Live value + retired total grows for as long as the worker runs.
 */
final class RetiredTaskTotals implements DynamicMBean {
    static final String DOMAIN = "cirrus.connect";
    private static final Map<String, RetiredTaskTotals> TASKS = new ConcurrentHashMap<>();

    private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

    static void add(TaskCounter counter, double value) {
        RetiredTaskTotals task = TASKS.computeIfAbsent(counter.connector() + "\u0000" + counter.task(), key -> register(counter));
        task.totals.computeIfAbsent(counter.attribute(), a -> new DoubleAdder()).add(value);
    }

    /** The retired total of a counter, 0 when none; for tests. */
    static double total(TaskCounter counter) {
        RetiredTaskTotals task = TASKS.get(counter.connector() + "\u0000" + counter.task());
        DoubleAdder adder = task == null ? null : task.totals.get(counter.attribute());
        return adder == null ? 0 : adder.sum();
    }

    static ObjectName objectName(String connector, String task) throws JMException {
        return new ObjectName(DOMAIN + ":type=retired-task-metrics,connector=" + Sanitizer.jmxSanitize(connector) + ",task=" + Sanitizer.jmxSanitize(task));
    }

    private static RetiredTaskTotals register(TaskCounter counter) {
        RetiredTaskTotals task = new RetiredTaskTotals();
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(task, objectName(counter.connector(), counter.task()));
        } catch (JMException e) {
            // Counting goes on; only the export of this task's retired totals is missing.
            System.err.println("cirrus: cannot register retired task metrics: " + e);
        }
        return task;
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException {
        DoubleAdder adder = totals.get(name);
        if (adder == null) throw new AttributeNotFoundException(name);
        return adder.sum();
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        for (String name : names) {
            DoubleAdder adder = totals.get(name);
            if (adder != null) list.add(new Attribute(name, adder.sum()));
        }
        return list;
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (String name : totals.keySet()) {
            attributes.add(new MBeanAttributeInfo(name, "double", "final values of past runs of this task, summed", true, false, false));
        }
        return new MBeanInfo(getClass().getName(), "Retired connector task counters", attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    @Override
    public void setAttribute(Attribute attribute) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) {
        throw new UnsupportedOperationException("read-only");
    }
}
