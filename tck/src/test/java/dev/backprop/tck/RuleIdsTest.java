package dev.backprop.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** A rule's id is one name everywhere: a constant of {@link RuleIds}, a test method of the kit, a line of the report. */
class RuleIdsTest {

    @Test
    void everyRuleHasAConstantAndATestMethodOfItsName() throws Exception {
        Set<String> ids = new TreeSet<>(TckMain.ruleIds());
        assertEquals(TckMain.ruleIds().size(), ids.size(), "two rules share an id: " + TckMain.ruleIds());
        Set<String> constants = new TreeSet<>();
        for (Field field : RuleIds.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        assertEquals(ids, constants, "RuleIds' constants against the rules");
        List<String> methods = new ArrayList<>();
        for (Method method : EngineCompatibilityKit.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Test.class)) {
                methods.add(method.getName());
            }
        }
        assertEquals(ids, new TreeSet<>(methods), "EngineCompatibilityKit's test methods against the rules");
    }
}
