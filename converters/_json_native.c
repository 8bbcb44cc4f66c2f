/*
 * converters._json_native: JsonConverter's hot loops in C (an optional accelerator).
 *
 * risky_numbers(data) is the reader's one-pass scan for numbers msgspec reads otherwise than
 * Jackson. The rest of this file is the record writer.
 *
 * A Writer is built once per schema from a *plan* made by converters._json_compile (a tree of
 * tuples saying, for every part of the schema, how a Connect value becomes the object that
 * orjson writes as Kafka's JsonConverter would). Calling the Writer with a value converts it
 * along the plan, has orjson write it, rewrites the escapes that Jackson writes differently
 * (through a Python helper, only when the output holds a backslash or non-ASCII byte) and adds
 * the envelope's prefix. It produces exactly what the generated Python writer produces: every
 * case it is not sure of raises the converter's Fallback exception, and the converter then
 * redoes the record on its exact path.
 *
 * Plan nodes (tuples; the second item is () when a null is refused, (node,) for what a null
 * becomes):
 *   ("pass", none)                        trusted value, written as it is
 *   ("int", none, low, high)              exact int within [low, high]
 *   ("bool", none) / ("str", none)        exact bool / exact str
 *   ("float64", none, float_node)         exact float; outside Java's plain range: float_node(v)
 *   ("call", none, function)              function(v)
 *   ("decimal", none, scale, Decimal, function)
 *                                         base64 of the unscaled value (function(v) beyond 18 digits)
 *   ("timestamp", none, function)         UTC datetime -> epoch millis (else function(v))
 *   ("bytes", none, function)             exact bytes -> base64 text (else function(v))
 *   ("struct", none, Struct, schema, (key, ...), (plan, ...))
 *   ("array", none, item_plan)
 *   ("map", none, value_plan)             str keys -> object
 *   ("pairs", none, key_plan, value_plan) other keys -> [[key, value], ...]
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <datetime.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifndef Py_T_OBJECT_EX
#include <structmember.h>
#define Py_T_OBJECT_EX T_OBJECT_EX
#endif

enum kind {
    K_PASS,
    K_INT,
    K_BOOL,
    K_STR,
    K_FLOAT64,
    K_CALL,
    K_DECIMAL,
    K_TIMESTAMP,
    K_BYTES,
    K_STRUCT,
    K_ARRAY,
    K_MAP,
    K_PAIRS,
};

typedef struct node {
    enum kind kind;
    PyObject *none_node; /* NULL: a null is refused; else a new reference to what it becomes */
    int identity;        /* a valid value converts to itself (array and map fast paths) */
    long long low, high; /* K_INT */
    int scale;           /* K_DECIMAL */
    PyObject *func;      /* K_FLOAT64, K_CALL, K_DECIMAL, K_TIMESTAMP, K_BYTES */
    PyObject *type;      /* K_STRUCT: the Struct class; K_DECIMAL: decimal.Decimal */
    PyObject *schema;    /* K_STRUCT */
    Py_ssize_t schema_offset, values_offset; /* K_STRUCT: where the Struct's slots are */
    Py_ssize_t count;    /* K_STRUCT: fields; K_ARRAY, K_MAP: 1; K_PAIRS: 2 */
    PyObject **keys;     /* K_STRUCT: field names */
    struct node **children;
} node;

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    node *root;
    PyObject *fallback; /* the exception class that sends a record to the exact path */
    PyObject *dumps;
    PyObject *fix_escapes;
    PyObject *prefix; /* bytes or NULL */
} Writer;

/* ------------------------------------------------------------------------------------------
 * Plans */

static void
node_free(node *n)
{
    if (n == NULL) {
        return;
    }
    Py_XDECREF(n->none_node);
    Py_XDECREF(n->func);
    Py_XDECREF(n->type);
    Py_XDECREF(n->schema);
    if (n->keys != NULL) {
        for (Py_ssize_t i = 0; i < n->count; i++) {
            Py_XDECREF(n->keys[i]);
        }
        PyMem_Free(n->keys);
    }
    if (n->children != NULL) {
        for (Py_ssize_t i = 0; i < n->count; i++) {
            node_free(n->children[i]);
        }
        PyMem_Free(n->children);
    }
    PyMem_Free(n);
}

static int
plan_error(const char *what)
{
    PyErr_Format(PyExc_ValueError, "invalid JSON writer plan: %s", what);
    return -1;
}

/* The offset of a __slots__ attribute of ``type`` (a Python class), or -1 with an error set. */
static Py_ssize_t
slot_offset(PyObject *type, const char *name)
{
    if (!PyType_Check(type)) {
        plan_error("a struct's class must be a type");
        return -1;
    }
    PyObject *descr = PyObject_GetAttrString(type, name);
    if (descr == NULL && !PyErr_ExceptionMatches(PyExc_AttributeError)) {
        return -1;
    }
    PyErr_Clear();
    Py_ssize_t offset = -1;
    if (descr != NULL && Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type == Py_T_OBJECT_EX) {
            offset = member->offset;
        }
    }
    Py_XDECREF(descr);
    if (offset < 0) {
        PyErr_Format(PyExc_ValueError, "invalid JSON writer plan: %s is not a __slots__ attribute", name);
    }
    return offset;
}

static node *node_from_plan(PyObject *plan, int depth);

static int
children_from(node *n, PyObject *plans, Py_ssize_t first, Py_ssize_t count, int depth)
{
    n->count = count;
    n->children = PyMem_Calloc((size_t)(count ? count : 1), sizeof(node *));
    if (n->children == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        n->children[i] = node_from_plan(PyTuple_GET_ITEM(plans, first + i), depth + 1);
        if (n->children[i] == NULL) {
            return -1;
        }
    }
    return 0;
}

static PyObject *
item(PyObject *plan, Py_ssize_t i)
{
    PyObject *o = PyTuple_GET_ITEM(plan, i);
    Py_INCREF(o);
    return o;
}

static node *
node_from_plan(PyObject *plan, int depth)
{
    if (depth > 200) {
        plan_error("nested too deeply");
        return NULL;
    }
    if (!PyTuple_Check(plan) || PyTuple_GET_SIZE(plan) < 2 || !PyUnicode_Check(PyTuple_GET_ITEM(plan, 0))
        || !PyTuple_Check(PyTuple_GET_ITEM(plan, 1)) || PyTuple_GET_SIZE(PyTuple_GET_ITEM(plan, 1)) > 1) {
        plan_error("a node must be (kind, (none,) or (), ...)");
        return NULL;
    }
    node *n = PyMem_Calloc(1, sizeof(node));
    if (n == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    const char *kind = PyUnicode_AsUTF8(PyTuple_GET_ITEM(plan, 0));
    PyObject *none = PyTuple_GET_ITEM(plan, 1);
    Py_ssize_t size = PyTuple_GET_SIZE(plan);
    if (kind == NULL) {
        goto fail;
    }
    if (PyTuple_GET_SIZE(none) == 1) {
        n->none_node = item(none, 0);
    }
    /* a null that becomes a default is not the value itself */
    int plain_none = n->none_node == NULL || n->none_node == Py_None;
    if (strcmp(kind, "pass") == 0 && size == 2) {
        n->kind = K_PASS;
        n->identity = plain_none;
    }
    else if (strcmp(kind, "int") == 0 && size == 4) {
        n->kind = K_INT;
        n->low = PyLong_AsLongLong(PyTuple_GET_ITEM(plan, 2));
        n->high = PyLong_AsLongLong(PyTuple_GET_ITEM(plan, 3));
        if (PyErr_Occurred()) {
            goto fail;
        }
        n->identity = plain_none;
    }
    else if (strcmp(kind, "bool") == 0 && size == 2) {
        n->kind = K_BOOL;
        n->identity = plain_none;
    }
    else if (strcmp(kind, "str") == 0 && size == 2) {
        n->kind = K_STR;
        n->identity = plain_none;
    }
    else if ((strcmp(kind, "float64") == 0 || strcmp(kind, "call") == 0
              || strcmp(kind, "timestamp") == 0 || strcmp(kind, "bytes") == 0) && size == 3) {
        n->kind = kind[0] == 'f' ? K_FLOAT64 : kind[0] == 'c' ? K_CALL : kind[0] == 't' ? K_TIMESTAMP : K_BYTES;
        n->func = item(plan, 2);
        if (!PyCallable_Check(n->func)) {
            plan_error("not callable");
            goto fail;
        }
    }
    else if (strcmp(kind, "decimal") == 0 && size == 5) {
        n->kind = K_DECIMAL;
        long scale = PyLong_AsLong(PyTuple_GET_ITEM(plan, 2));
        if (scale == -1 && PyErr_Occurred()) {
            goto fail;
        }
        if (scale < 1 || scale > 18) {
            plan_error("decimal scale must be 1 to 18");
            goto fail;
        }
        n->scale = (int)scale;
        n->type = item(plan, 3);
        n->func = item(plan, 4);
    }
    else if (strcmp(kind, "struct") == 0 && size == 6) {
        n->kind = K_STRUCT;
        n->type = item(plan, 2);
        n->schema = item(plan, 3);
        n->schema_offset = slot_offset(n->type, "_schema");
        n->values_offset = n->schema_offset < 0 ? -1 : slot_offset(n->type, "_values");
        if (n->values_offset < 0) {
            goto fail;
        }
        PyObject *keys = PyTuple_GET_ITEM(plan, 4);
        PyObject *plans = PyTuple_GET_ITEM(plan, 5);
        if (!PyTuple_Check(keys) || !PyTuple_Check(plans) || PyTuple_GET_SIZE(keys) != PyTuple_GET_SIZE(plans)) {
            plan_error("struct keys and plans must be tuples of one length");
            goto fail;
        }
        Py_ssize_t count = PyTuple_GET_SIZE(keys);
        n->keys = PyMem_Calloc((size_t)(count ? count : 1), sizeof(PyObject *));
        if (n->keys == NULL) {
            PyErr_NoMemory();
            goto fail;
        }
        n->count = count;
        for (Py_ssize_t i = 0; i < count; i++) {
            PyObject *key = PyTuple_GET_ITEM(keys, i);
            if (!PyUnicode_CheckExact(key)) {
                plan_error("struct keys must be str");
                goto fail;
            }
            Py_INCREF(key);
            PyUnicode_InternInPlace(&key);
            n->keys[i] = key;
        }
        if (children_from(n, plans, 0, count, depth) < 0) {
            goto fail;
        }
    }
    else if ((strcmp(kind, "array") == 0 || strcmp(kind, "map") == 0) && size == 3) {
        n->kind = kind[0] == 'a' ? K_ARRAY : K_MAP;
        if (children_from(n, plan, 2, 1, depth) < 0) {
            goto fail;
        }
    }
    else if (strcmp(kind, "pairs") == 0 && size == 4) {
        n->kind = K_PAIRS;
        if (children_from(n, plan, 2, 2, depth) < 0) {
            goto fail;
        }
    }
    else {
        plan_error("unknown kind or wrong size");
        goto fail;
    }
    return n;
fail:
    node_free(n);
    return NULL;
}

/* ------------------------------------------------------------------------------------------
 * Conversion */

static const char BASE64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static PyObject *
base64_text(const unsigned char *data, Py_ssize_t size)
{
    Py_ssize_t length = (size + 2) / 3 * 4;
    PyObject *text = PyUnicode_New(length, 127);
    if (text == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t i = 0;
    for (; i + 2 < size; i += 3) {
        unsigned v = ((unsigned)data[i] << 16) | ((unsigned)data[i + 1] << 8) | data[i + 2];
        *out++ = BASE64[v >> 18];
        *out++ = BASE64[(v >> 12) & 63];
        *out++ = BASE64[(v >> 6) & 63];
        *out++ = BASE64[v & 63];
    }
    if (i < size) {
        unsigned v = (unsigned)data[i] << 16;
        if (i + 1 < size) {
            v |= (unsigned)data[i + 1] << 8;
        }
        *out++ = BASE64[v >> 18];
        *out++ = BASE64[(v >> 12) & 63];
        *out++ = i + 1 < size ? BASE64[(v >> 6) & 63] : '=';
        *out++ = '=';
    }
    return text;
}

static PyObject *
fall_back(Writer *w)
{
    PyErr_SetNone(w->fallback);
    return NULL;
}

/* Base64 of the unscaled two's complement of a Decimal whose text is [-]digits.digits{scale}. */
static PyObject *
decimal_base64(Writer *w, node *n, PyObject *v)
{
    if (Py_TYPE(v) != (PyTypeObject *)n->type) {
        return fall_back(w);
    }
    PyObject *text = PyObject_Str(v);
    if (text == NULL) {
        return NULL;
    }
    Py_ssize_t size;
    const char *s = PyUnicode_AsUTF8AndSize(text, &size);
    if (s == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    Py_ssize_t i = 0;
    int negative = 0;
    if (size > 0 && s[0] == '-') {
        negative = 1;
        i = 1;
    }
    Py_ssize_t point = size - n->scale - 1; /* where the decimal point must be */
    unsigned long long magnitude = 0;
    int digits = 0;
    int ok = point > i;
    for (; ok && i < size; i++) {
        char c = s[i];
        if (i == point) {
            ok = c == '.';
        }
        else if (c >= '0' && c <= '9') {
            if (++digits > 18) {
                break;
            }
            magnitude = magnitude * 10 + (unsigned long long)(c - '0');
        }
        else {
            ok = 0;
        }
    }
    Py_DECREF(text);
    if (!ok) {
        return fall_back(w);
    }
    if (digits > 18) {
        return PyObject_CallOneArg(n->func, v); /* Python ints do the long ones */
    }
    long long unscaled = negative ? -(long long)magnitude : (long long)magnitude;
    /* the shortest big-endian two's complement, as Java's BigInteger.toByteArray() */
    unsigned long long bits = unscaled < 0 ? ~(unsigned long long)unscaled : (unsigned long long)unscaled;
    int length = 1;
    while (length < 8 && (bits >> (8 * length - 1)) != 0) {
        length++;
    }
    unsigned char raw[8];
    for (int b = 0; b < length; b++) {
        raw[length - 1 - b] = (unsigned char)((unsigned long long)unscaled >> (8 * b));
    }
    return base64_text(raw, length);
}

/* Days from 1970-01-01 to a proleptic Gregorian date. */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static PyObject *convert(Writer *w, node *n, PyObject *v);

static PyObject *
convert_struct(Writer *w, node *n, PyObject *v)
{
    if (Py_TYPE(v) != (PyTypeObject *)n->type) {
        return fall_back(w);
    }
    /* the slots of an exact Struct (checked above), read as Python's member descriptors do */
    PyObject *schema = *(PyObject **)((char *)v + n->schema_offset);
    if (schema == NULL) {
        return fall_back(w);
    }
    if (schema != n->schema) {
        Py_INCREF(schema); /* __eq__ is Python code */
        int same = PyObject_RichCompareBool(schema, n->schema, Py_EQ);
        Py_DECREF(schema);
        if (same <= 0) {
            return same < 0 ? NULL : fall_back(w);
        }
    }
    PyObject *values = *(PyObject **)((char *)v + n->values_offset);
    if (values == NULL || !PyList_CheckExact(values) || PyList_GET_SIZE(values) != n->count) {
        return fall_back(w);
    }
    Py_INCREF(values); /* field conversions may call Python code */
    PyObject *out = _PyDict_NewPresized(n->count);
    if (out == NULL) {
        Py_DECREF(values);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n->count; i++) {
        PyObject *field = PyList_GET_ITEM(values, i);
        Py_INCREF(field);
        PyObject *converted = convert(w, n->children[i], field);
        Py_DECREF(field);
        if (converted == NULL || PyDict_SetItem(out, n->keys[i], converted) < 0) {
            Py_XDECREF(converted);
            Py_DECREF(out);
            Py_DECREF(values);
            return NULL;
        }
        Py_DECREF(converted);
    }
    Py_DECREF(values);
    return out;
}

static PyObject *
convert_array(Writer *w, node *n, PyObject *v)
{
    if (!PyList_CheckExact(v)) {
        return fall_back(w);
    }
    node *child = n->children[0];
    if (child->identity) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(v); i++) {
            PyObject *x = PyList_GET_ITEM(v, i);
            Py_INCREF(x);
            PyObject *same = convert(w, child, x);
            Py_DECREF(x);
            if (same == NULL) {
                return NULL;
            }
            Py_DECREF(same);
        }
        Py_INCREF(v);
        return v;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(v); i++) {
        PyObject *x = PyList_GET_ITEM(v, i);
        Py_INCREF(x);
        PyObject *converted = convert(w, child, x);
        Py_DECREF(x);
        if (converted == NULL || PyList_Append(out, converted) < 0) {
            Py_XDECREF(converted);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(converted);
    }
    return out;
}

static PyObject *
convert_map(Writer *w, node *n, PyObject *v)
{
    if (!PyDict_CheckExact(v)) {
        return fall_back(w);
    }
    if (n->kind == K_MAP && n->children[0]->identity) {
        /* values are their own results (checks that run no Python code); orjson refuses any
           key not exactly a str */
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(v, &pos, &key, &value)) {
            PyObject *same = convert(w, n->children[0], value);
            if (same == NULL) {
                return NULL;
            }
            Py_DECREF(same);
        }
        Py_INCREF(v);
        return v;
    }
    /* a copy of the items: conversions may call Python code */
    PyObject *items = PyDict_Items(v);
    if (items == NULL) {
        return NULL;
    }
    PyObject *out = NULL;
    Py_ssize_t count = PyList_GET_SIZE(items);
    out = n->kind == K_MAP ? PyDict_New() : PyList_New(count);
    if (out == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        PyObject *key = PyTuple_GET_ITEM(pair, 0);
        PyObject *value = PyTuple_GET_ITEM(pair, 1);
        if (n->kind == K_MAP) {
            if (!PyUnicode_CheckExact(key)) {
                Py_CLEAR(out);
                fall_back(w);
                goto done;
            }
            PyObject *converted = convert(w, n->children[0], value);
            if (converted == NULL || PyDict_SetItem(out, key, converted) < 0) {
                Py_XDECREF(converted);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(converted);
        }
        else {
            PyObject *k = convert(w, n->children[0], key);
            PyObject *x = k == NULL ? NULL : convert(w, n->children[1], value);
            PyObject *entry = x == NULL ? NULL : PyList_New(2);
            if (entry == NULL) {
                Py_XDECREF(k);
                Py_XDECREF(x);
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(entry, 0, k);
            PyList_SET_ITEM(entry, 1, x);
            PyList_SET_ITEM(out, i, entry);
        }
    }
done:
    Py_DECREF(items);
    return out;
}

static PyObject *
convert(Writer *w, node *n, PyObject *v)
{
    if (v == Py_None) {
        if (n->none_node == NULL) {
            return fall_back(w);
        }
        Py_INCREF(n->none_node);
        return n->none_node;
    }
    switch (n->kind) {
    case K_PASS:
        break;
    case K_INT: {
        if (!PyLong_CheckExact(v)) {
            return fall_back(w);
        }
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow || x < n->low || x > n->high) {
            return fall_back(w);
        }
        break;
    }
    case K_BOOL:
        if (!PyBool_Check(v)) {
            return fall_back(w);
        }
        break;
    case K_STR:
        if (!PyUnicode_CheckExact(v)) {
            return fall_back(w);
        }
        break;
    case K_FLOAT64: {
        if (!PyFloat_CheckExact(v)) {
            return fall_back(w);
        }
        double d = PyFloat_AS_DOUBLE(v);
        if ((1e-3 <= d && d < 1e7) || (-1e7 < d && d <= -1e-3) || d == 0.0) {
            break;
        }
        return PyObject_CallOneArg(n->func, v);
    }
    case K_CALL:
        return PyObject_CallOneArg(n->func, v);
    case K_DECIMAL:
        return decimal_base64(w, n, v);
    case K_TIMESTAMP:
        if (PyDateTime_CheckExact(v) && PyDateTime_DATE_GET_TZINFO(v) == PyDateTime_TimeZone_UTC) {
            long long days = days_from_civil(PyDateTime_GET_YEAR(v), (unsigned)PyDateTime_GET_MONTH(v),
                                             (unsigned)PyDateTime_GET_DAY(v));
            long long millis = days * 86400000LL + PyDateTime_DATE_GET_HOUR(v) * 3600000LL
                               + PyDateTime_DATE_GET_MINUTE(v) * 60000LL
                               + PyDateTime_DATE_GET_SECOND(v) * 1000LL
                               + PyDateTime_DATE_GET_MICROSECOND(v) / 1000;
            return PyLong_FromLongLong(millis);
        }
        return PyObject_CallOneArg(n->func, v);
    case K_BYTES:
        if (PyBytes_CheckExact(v)) {
            return base64_text((const unsigned char *)PyBytes_AS_STRING(v), PyBytes_GET_SIZE(v));
        }
        return PyObject_CallOneArg(n->func, v);
    case K_STRUCT:
        return convert_struct(w, n, v);
    case K_ARRAY:
        return convert_array(w, n, v);
    case K_MAP:
    case K_PAIRS:
        return convert_map(w, n, v);
    }
    Py_INCREF(v);
    return v;
}

/* ------------------------------------------------------------------------------------------
 * The Writer type */

static int
needs_escape_fix(PyObject *out)
{
    const char *s = PyBytes_AS_STRING(out);
    Py_ssize_t size = PyBytes_GET_SIZE(out);
    if (memchr(s, '\\', (size_t)size) != NULL) {
        return 1;
    }
    uint64_t high = 0;
    Py_ssize_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        memcpy(&word, s + i, 8);
        high |= word;
    }
    for (; i < size; i++) {
        high |= (unsigned char)s[i];
    }
    return (high & 0x8080808080808080ULL) != 0;
}

static PyObject *
writer_write(Writer *w, PyObject *value)
{
    PyObject *converted = convert(w, w->root, value);
    if (converted == NULL) {
        return NULL;
    }
    PyObject *out = PyObject_CallOneArg(w->dumps, converted);
    Py_DECREF(converted);
    if (out == NULL) {
        return NULL;
    }
    if (!PyBytes_CheckExact(out)) {
        Py_DECREF(out);
        PyErr_SetString(PyExc_TypeError, "dumps must return bytes");
        return NULL;
    }
    if (needs_escape_fix(out)) {
        PyObject *fixed = PyObject_CallOneArg(w->fix_escapes, out);
        Py_DECREF(out);
        if (fixed == NULL) {
            return NULL;
        }
        if (!PyBytes_CheckExact(fixed)) {
            Py_DECREF(fixed);
            PyErr_SetString(PyExc_TypeError, "fix_escapes must return bytes");
            return NULL;
        }
        out = fixed;
    }
    if (w->prefix == NULL) {
        return out;
    }
    Py_ssize_t head = PyBytes_GET_SIZE(w->prefix);
    Py_ssize_t body = PyBytes_GET_SIZE(out);
    PyObject *envelope = PyBytes_FromStringAndSize(NULL, head + body + 1);
    if (envelope != NULL) {
        char *s = PyBytes_AS_STRING(envelope);
        memcpy(s, PyBytes_AS_STRING(w->prefix), (size_t)head);
        memcpy(s + head, PyBytes_AS_STRING(out), (size_t)body);
        s[head + body] = '}';
    }
    Py_DECREF(out);
    return envelope;
}

static PyObject *
writer_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    if (PyVectorcall_NARGS(nargsf) != 1 || (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0)) {
        PyErr_SetString(PyExc_TypeError, "a Writer takes exactly one value");
        return NULL;
    }
    return writer_write((Writer *)self, args[0]);
}

static PyObject *
writer_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"plan", "fallback", "dumps", "fix_escapes", "prefix", NULL};
    PyObject *plan, *fallback, *dumps, *fix_escapes, *prefix = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOO|O:Writer", names, &plan, &fallback, &dumps,
                                     &fix_escapes, &prefix)) {
        return NULL;
    }
    if (!PyExceptionClass_Check(fallback) || !PyCallable_Check(dumps) || !PyCallable_Check(fix_escapes)
        || (prefix != Py_None && !PyBytes_CheckExact(prefix))) {
        PyErr_SetString(PyExc_TypeError, "Writer(plan, fallback exception, dumps, fix_escapes, prefix bytes or None)");
        return NULL;
    }
    Writer *w = (Writer *)type->tp_alloc(type, 0);
    if (w == NULL) {
        return NULL;
    }
    w->vectorcall = writer_vectorcall;
    w->root = node_from_plan(plan, 0);
    if (w->root == NULL) {
        Py_DECREF(w);
        return NULL;
    }
    Py_INCREF(fallback);
    w->fallback = fallback;
    Py_INCREF(dumps);
    w->dumps = dumps;
    Py_INCREF(fix_escapes);
    w->fix_escapes = fix_escapes;
    if (prefix != Py_None) {
        Py_INCREF(prefix);
        w->prefix = prefix;
    }
    return (PyObject *)w;
}

static void
writer_dealloc(Writer *w)
{
    node_free(w->root);
    Py_XDECREF(w->fallback);
    Py_XDECREF(w->dumps);
    Py_XDECREF(w->fix_escapes);
    Py_XDECREF(w->prefix);
    Py_TYPE(w)->tp_free((PyObject *)w);
}

static PyTypeObject WriterType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "converters._json_native.Writer",
    .tp_doc = PyDoc_STR("Writer(plan, fallback, dumps, fix_escapes, prefix=None): writes one "
                        "record of a schema as Kafka's JsonConverter does."),
    .tp_basicsize = sizeof(Writer),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_vectorcall_offset = offsetof(Writer, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_new = writer_new,
    .tp_dealloc = (destructor)writer_dealloc,
};

/* ------------------------------------------------------------------------------------------
 * Reading */

/* True if a JSON text holds "-0" or a run of 19 or more digits: numbers that msgspec reads
   otherwise than Jackson (negative zero; integers that may be beyond int64). Any 19 bytes in a
   row hold exactly one index i with i % 19 == 18, so only those bytes are looked at, and the
   digits around a digit found there are counted; "-" is found with memchr. */
static PyObject *
risky_numbers(PyObject *module, PyObject *data)
{
    if (!PyBytes_Check(data)) {
        PyErr_SetString(PyExc_TypeError, "risky_numbers() takes bytes");
        return NULL;
    }
    const char *s = PyBytes_AS_STRING(data);
    Py_ssize_t size = PyBytes_GET_SIZE(data);
#define IS_DIGIT(c) ((unsigned)(c) - '0' <= 9u)
    for (Py_ssize_t i = 18; i < size; i += 19) {
        if (IS_DIGIT(s[i])) {
            Py_ssize_t low = i, high = i;
            while (low > 0 && IS_DIGIT(s[low - 1])) {
                low--;
            }
            while (high + 1 < size && IS_DIGIT(s[high + 1])) {
                high++;
            }
            if (high - low + 1 >= 19) {
                Py_RETURN_TRUE;
            }
        }
    }
#undef IS_DIGIT
    const char *minus = s;
    const char *end = s + size;
    while ((minus = memchr(minus, '-', (size_t)(end - minus))) != NULL) {
        if (++minus < end && *minus == '0') {
            Py_RETURN_TRUE;
        }
    }
    Py_RETURN_FALSE;
}

static PyMethodDef methods[] = {
    {"risky_numbers", risky_numbers, METH_O,
     PyDoc_STR("risky_numbers(data: bytes) -> bool: True if the JSON text holds \"-0\" or a run "
               "of 19 or more digits.")},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "converters._json_native",
    .m_doc = PyDoc_STR("JsonConverter's hot loops in C (an optional accelerator)."),
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__json_native(void)
{
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL) {
        return NULL;
    }
    if (PyType_Ready(&WriterType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&WriterType);
    if (PyModule_AddObject(m, "Writer", (PyObject *)&WriterType) < 0) {
        Py_DECREF(&WriterType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
