#!/usr/bin/python3
"""Botocore as an independent oracle for Doqutore's protocol codecs (no network, botocore only).

Modes (one JSON object per output line, on stdout):

  requests         For every operation (event streams skipped), K seeded random inputs that botocore's
                   validator accepts, serialized by botocore's own serializer and request preparer exactly
                   as it would put them on the wire. Line: {operation, sample, input, request:{method,
                   host, path, query, headers:[[name, value]], body}} or {operation, sample, error}.
  outputs          For every operation with an output, K seeded random outputs. Line: {operation, sample,
                   output}.
  parse-responses  Reads lines {operation, sample, status, headers:[[name, value]], body} (our codec's
                   serialized responses; --input file, else stdin) and parses each with botocore's parser.
                   Line: {operation, sample, parsed} or {operation, sample, error}.

Values (input, output, parsed) follow the conventions of Doqutore's OperationData tree: timestamps are
epoch seconds, blobs base64, a jsonvalue string holds JSON text. The comparison happens in C#, one place.

The models are the aws-sdk *.min.json files. That format writes shapes inline (a member is a reference
{"shape": "S5", ...traits} or an inline shape {"type": "list", ...}; a member with neither is a string);
inline shapes are hoisted to generated names so that botocore.model.ServiceModel loads the model. Traits
that sit on an inline member (location, locationName, ...) move to the hoisted shape, where botocore merges
them into the same serialization dict as member-level traits.

Generated values obey what each wire location can carry, so that a mismatch is a codec bug and not an
ambiguity of the protocol: uri labels are non-empty and never '.' or '..'; header values are printable
ASCII without leading or trailing spaces (list elements without commas); empty lists, maps and structures
appear only where the protocol can tell them from absence; payloads, statusCode members and (in responses)
header maps are always given, since their absence reads back as an empty value; timestamps are whole
seconds; floats are exactly representable binary fractions. Content-Length members are not generated: HTTP
owns that header, and a request's expected value is what botocore's preparer wrote there. Operations with an
event stream are skipped (our codecs do not speak event streams).
"""

import argparse
import base64
import calendar
import datetime
import io
import json
import random
import sys
from types import SimpleNamespace
from urllib.parse import urlsplit

from botocore.awsrequest import HeadersDict, create_request_object, prepare_request_dict
from botocore.handlers import parse_get_bucket_location
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

ENDPOINT = 'http://127.0.0.1:4566'
REST = ('rest-json', 'rest-xml')
XML = ('query', 'rest-xml')
SKIP = object()

LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~ &=+%@:,;!$\'()*éß中😀'
TEXT_CHARS = LABEL_CHARS + '/?#<>"[]{}|\\^`\n\tΩ文'
HEADER_CHARS = ''.join(chr(c) for c in range(0x21, 0x7F))
HEADER_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-'


# ---------------------------------------------------------------------------------------------- model

def load_model(path, metadata_override):
    with open(path, encoding='utf-8') as f:
        raw = json.load(f)
    shapes = {}
    used = set(raw.get('shapes', {}))

    def fresh(hint):
        name = 'Inline_' + ''.join(c if c.isalnum() else '_' for c in hint)
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f'{name}_{n}'
        used.add(candidate)
        return candidate

    def ref(node, hint):
        node = dict(node or {})
        if 'shape' in node:
            return node
        name = fresh(hint)
        shapes[name] = fill(node, name)
        return {'shape': name}

    def fill(shape, name):
        shape = dict(shape)
        shape.setdefault('type', 'string')
        if shape['type'] == 'structure':
            shape['members'] = {k: ref(v, f'{name}_{k}') for k, v in shape.get('members', {}).items()}
        elif shape['type'] == 'list':
            shape['member'] = ref(shape.get('member'), f'{name}_member')
        elif shape['type'] == 'map':
            shape['key'] = ref(shape.get('key'), f'{name}_key')
            shape['value'] = ref(shape.get('value'), f'{name}_value')
        return shape

    for name, shape in raw.get('shapes', {}).items():
        shapes[name] = fill(shape, name)
    operations = {}
    for name, op in raw['operations'].items():
        op = dict(op)
        op['name'] = name
        op['http'] = dict(op.get('http', {}))
        op['http'].setdefault('method', 'POST')
        op['http'].setdefault('requestUri', '/')
        for part in ('input', 'output'):
            if part in op:
                op[part] = ref(op[part], f'{name}_{part}')
        op['errors'] = []
        operations[name] = op
    metadata = dict(raw['metadata'])
    metadata.update(metadata_override or {})
    return ServiceModel({'metadata': metadata, 'operations': operations, 'shapes': shapes})


def has_event_stream(shape):
    return shape is not None and shape.type_name == 'structure' and any(
        m.serialization.get('eventstream') for m in shape.members.values())


def streaming_payload(shape):
    if shape is None:
        return None
    payload = shape.serialization.get('payload')
    if payload and shape.members[payload].type_name == 'blob':
        return payload
    return None


# ------------------------------------------------------------------------------------------ generator

class Generator:
    """Random values for one protocol and direction; `full` includes every optional member near the top."""

    def __init__(self, rng, protocol, direction, full):
        self.rng = rng
        self.protocol = protocol
        self.direction = direction
        self.full = full

    def top(self, shape, request_uri):
        params = {}
        greedy = {p[1:-2] for p in _labels(request_uri) if p.endswith('+}')}
        labels = {p[1:-1].rstrip('+') for p in _labels(request_uri)}
        for name, member in shape.members.items():
            location = member.serialization.get('location') if self.protocol in REST else None
            wire = member.serialization.get('name', name)
            if location == 'header' and wire.lower() == 'content-length':
                continue
            if member.serialization.get('eventstream'):
                continue
            if location == 'uri' and wire not in labels:
                continue
            payload = name == shape.serialization.get('payload')
            # Absent and empty look the same on the wire for these, so they are always given: a payload
            # (the body), a statusCode (the status line) and, in responses, a header map (botocore
            # answers {} when no header carries the prefix).
            required = (name in shape.required_members or payload or location in ('uri', 'statusCode')
                        or (location == 'headers' and self.direction == 'output'))
            token = member.metadata.get('idempotencyToken') and self.direction == 'input'
            if not (required or token or self.full or self.rng.random() < 0.6):
                continue
            if location == 'uri':
                context = 'greedy' if wire in greedy else 'uri'
            elif location in ('header', 'headers', 'querystring', 'statusCode'):
                context = location
            else:
                context = 'body'
            if payload and member.type_name in ('blob', 'string'):
                context = 'payload'
            value = self.value(member, context, 1, ())
            if value is not SKIP:
                params[name] = value
        return params

    def value(self, shape, context, depth, stack):
        kind = shape.type_name
        handler = getattr(self, '_' + kind, None)
        if handler is None:
            return self._string(shape, context, depth, stack)
        return handler(shape, context, depth, stack)

    # scalars

    def _string(self, shape, context, depth, stack):
        if shape.serialization.get('jsonvalue'):
            obj = {'k' + self._text('abcdefgh', 1, 4): self.rng.choice([1, 'v', True, None, [1, 2]])}
            return obj if context == 'header' else json.dumps(obj)
        if context == 'uri' or shape.serialization.get('xmlAttribute'):
            # XML attribute values are whitespace-normalized by every parser: keep them to label chars.
            return self._label()
        if context == 'greedy':
            return '/'.join(self._label() for _ in range(self.rng.randint(1, 3)))
        if context in ('header', 'header-element'):
            return self._header_text(allow_comma=context == 'header')
        if context == 'payload':
            return self._text(TEXT_CHARS, 1, 20)
        return self._text(TEXT_CHARS, 0, 12)

    def _label(self):
        while True:
            text = self._text(LABEL_CHARS, 1, 10)
            if text not in ('.', '..'):
                return text

    def _header_text(self, allow_comma=True):
        chars = HEADER_CHARS if allow_comma else HEADER_CHARS.replace(',', '')
        inner = self._text(chars + '  ', 0, 14)
        return self.rng.choice(chars) + inner.strip() + (self.rng.choice(chars) if inner else '')

    def _text(self, chars, low, high):
        return ''.join(self.rng.choice(chars) for _ in range(self.rng.randint(low, high)))

    def _integer(self, shape, context, depth, stack):
        if context == 'statusCode':
            return self.rng.choice([200, 202])
        return self.rng.choice([0, 1, -1, 2147483647, -2147483648, self.rng.randint(-100000, 100000)])

    def _long(self, shape, context, depth, stack):
        return self.rng.choice([0, -1, 2 ** 53, -(2 ** 62), 9007199254740993, self.rng.randint(-10 ** 12, 10 ** 12)])

    def _float(self, shape, context, depth, stack):
        return self.rng.choice([0.0, 1.0, -2.5, self.rng.randint(-10 ** 6, 10 ** 6) / (2 ** self.rng.randint(0, 8))])

    _double = _float

    def _boolean(self, shape, context, depth, stack):
        return self.rng.random() < 0.5

    def _timestamp(self, shape, context, depth, stack):
        seconds = self.rng.randint(631152000, 2051222400)  # 1990 .. 2035, whole seconds
        return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)

    def _blob(self, shape, context, depth, stack):
        low = 1 if context in ('header', 'header-element', 'payload') else 0
        data = bytes(self.rng.randint(0, 255) for _ in range(self.rng.randint(low, 24)))
        # Botocore writes header values as given; its handlers (S3 SSE-C) base64 blob headers first.
        return base64.b64encode(data).decode() if context in ('header', 'header-element') else data

    # aggregates

    def _element_context(self, context):
        return {'header': 'header-element', 'querystring': 'query'}.get(context, context)

    def _empty_allowed(self, shape, context):
        if context == 'headers':
            return self.direction == 'output'
        if context in ('header', 'querystring'):
            return False
        flattened = shape.serialization.get('flattened')
        if shape.type_name == 'list':
            if self.protocol == 'query' and self.direction == 'input':
                return True  # the query serializer writes 'Name=' for an empty list
            return not (self.protocol in XML and flattened)
        if shape.type_name == 'map':
            if self.protocol == 'query' and self.direction == 'input':
                return False
            return not (self.protocol in XML and flattened)
        # structures: the query request form has no way to say 'present but empty'
        return not (self.protocol == 'query' and self.direction == 'input')

    def _count(self, shape, context, depth, stack, deep):
        low = 0 if self._empty_allowed(shape, context) else 1
        if deep:
            return low
        return self.rng.randint(max(low, 1 if self.full else 0), 3)

    def _list(self, shape, context, depth, stack):
        deep = depth >= 5 or (shape.name in stack)
        if deep and depth >= 10:
            return SKIP
        element = self._element_context(context)
        if shape.member.type_name == 'timestamp' and context == 'header':
            return SKIP  # rfc822 dates hold commas: a header list of them is ambiguous
        items = []
        for _ in range(self._count(shape, context, depth, stack, deep)):
            item = self.value(shape.member, element, depth + 1, stack + (shape.name,))
            if item is not SKIP:
                items.append(item)
        if not items and not self._empty_allowed(shape, context):
            return SKIP
        return items

    def _map(self, shape, context, depth, stack):
        deep = depth >= 5 or (shape.name in stack)
        if deep and depth >= 10:
            return SKIP
        result = {}
        for _ in range(self._count(shape, context, depth, stack, deep)):
            if context == 'headers':
                key = self.rng.choice('abcdefghij') + self._text(HEADER_KEY_CHARS, 0, 8)
                value = self._header_text()
            elif context == 'querystring':
                # Map entries become top-level query parameters: keep them clear of the modelled names.
                key = 'qm-' + self._text('abcdefghijklmnopqrstuvwxyz', 1, 6)
                if shape.value.type_name == 'list':
                    value = [self._text(TEXT_CHARS, 0, 8) for _ in range(self.rng.randint(1, 2))]
                else:
                    value = self._text(TEXT_CHARS, 0, 8)
            else:
                key = self.value(shape.key, 'map-key', depth + 1, stack) if shape.key.type_name == 'string' else None
                if key is None or key == '':
                    key = 'k' + self._text(LABEL_CHARS, 0, 6)
                value = self.value(shape.value, 'body', depth + 1, stack + (shape.name,))
                if value is SKIP:
                    continue
            result[key] = value
        if not result and not self._empty_allowed(shape, context):
            return SKIP
        return result

    def _structure(self, shape, context, depth, stack):
        if self.protocol in XML and _ambiguous_xml_names(shape):
            return SKIP
        recursive = shape.name in stack
        deep = depth >= 4 or recursive
        if depth >= 10:
            return SKIP
        result = {}
        names = list(shape.members)
        for name in names:
            member = shape.members[name]
            required = name in shape.required_members
            if not required:
                if deep:
                    continue
                if not (self.full and depth <= 3) and self.rng.random() >= 0.5:
                    continue
            value = self.value(member, 'body', depth + 1, stack + (shape.name,))
            if value is not SKIP:
                result[name] = value
        if not result and not self._empty_allowed(shape, context):
            # Find one member that yields a value without recursing forever.
            for name in self.rng.sample(names, len(names)):
                member = shape.members[name]
                if member.type_name not in ('structure', 'list', 'map'):
                    result[name] = self.value(member, 'body', depth + 1, stack + (shape.name,))
                    break
            else:
                for name in names:
                    value = self.value(shape.members[name], 'body', depth + 1, stack + (shape.name,))
                    if value is not SKIP:
                        result[name] = value
                        break
            if not result:
                return SKIP
        return result


def _ambiguous_xml_names(shape):
    """Two members under one element name (S3's deprecated Event/Events): no XML reader can tell them apart."""
    names = [m.serialization.get('name', n) for n, m in shape.members.items()
             if m.serialization.get('location') is None]
    return len(names) != len(set(names))


def _labels(request_uri):
    out, start = [], request_uri.find('{')
    while start >= 0:
        end = request_uri.find('}', start)
        out.append(request_uri[start:end + 1])
        start = request_uri.find('{', end)
    return out


# -------------------------------------------------------------------------------------- normalization

def normalize(value, shape):
    """Botocore values to the conventions of Doqutore's OperationData tree."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == 'structure':
        return {k: normalize(v, shape.members[k]) for k, v in value.items() if k in shape.members}
    if kind == 'list':
        return [normalize(v, shape.member) for v in value]
    if kind == 'map':
        return {k: normalize(v, shape.value) for k, v in value.items()}
    if kind == 'timestamp':
        if isinstance(value, (int, float)):
            return float(value)
        return calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6
    if kind == 'blob':
        if hasattr(value, 'read'):
            value = value.read()
        if isinstance(value, str):
            return value  # already base64 (blob headers are passed encoded)
        return base64.b64encode(value).decode()
    if kind == 'string':
        if hasattr(value, 'read'):
            value = value.read()
        if isinstance(value, bytes):
            value = value.decode('utf-8')
        if shape.serialization.get('jsonvalue') and not isinstance(value, str):
            return json.dumps(value)
        return value
    return value


# ------------------------------------------------------------------------------------------------ modes

def operations(model, direction):
    for name in model.operation_names:
        op = model.operation_model(name)
        if has_event_stream(op.input_shape) or has_event_stream(op.output_shape):
            continue
        if direction == 'output' and op.output_shape is None:
            continue
        yield op


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=True, allow_nan=False) + '\n')


def mode_requests(model, samples, seed):
    protocol = model.metadata['protocol']
    serializer = create_serializer(protocol, include_validation=True)
    for op in operations(model, 'input'):
        rng = random.Random(f'{seed}:{model.metadata.get("uid")}:{op.name}:in')
        for sample in range(samples):
            params = {}
            try:
                if op.input_shape is not None:
                    params = Generator(rng, protocol, 'input', sample == 0).top(op.input_shape, op.http.get('requestUri', '/'))
                request = serializer.serialize_to_request(params, op)
                request.pop('host_prefix', None)  # host labels travel in the host name, which we leave out
                prepare_request_dict(request, ENDPOINT)
                prepared = create_request_object(request).prepare()
                url = urlsplit(prepared.url)
                body = prepared.body
                if body is None:
                    body = b''
                elif isinstance(body, str):
                    body = body.encode('utf-8')
                elif hasattr(body, 'read'):
                    body = body.read()
                headers = [[k, v.decode('utf-8') if isinstance(v, bytes) else str(v)] for k, v in prepared.headers.items()]
                expected = normalize(params, op.input_shape) if op.input_shape is not None else {}
                for name, member in (op.input_shape.members.items() if op.input_shape is not None else ()):
                    # HTTP sets Content-Length; a member bound to it reads what HTTP wrote.
                    if (member.serialization.get('location') == 'header'
                            and member.serialization.get('name', '').lower() == 'content-length'
                            and 'Content-Length' in prepared.headers):
                        expected[name] = int(prepared.headers['Content-Length'])
                emit({
                    'operation': op.name,
                    'sample': sample,
                    'input': expected,
                    'request': {
                        'method': prepared.method,
                        'host': url.netloc,
                        'path': url.path or '/',
                        'query': url.query,
                        'headers': headers,
                        'body': base64.b64encode(body).decode(),
                    },
                })
            except Exception as e:  # noqa: BLE001 - a generator bug is reported, not hidden
                emit({'operation': op.name, 'sample': sample, 'error': f'{type(e).__name__}: {e}'})


def mode_outputs(model, samples, seed):
    protocol = model.metadata['protocol']
    for op in operations(model, 'output'):
        rng = random.Random(f'{seed}:{model.metadata.get("uid")}:{op.name}:out')
        for sample in range(samples):
            output = Generator(rng, protocol, 'output', sample == 0).top(op.output_shape, '')
            emit({
                'operation': op.name,
                'sample': sample,
                'output': normalize(output, op.output_shape),
            })


def mode_parse(model, lines):
    protocol = model.metadata['protocol']
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            op = model.operation_model(item['operation'])
            headers = HeadersDict()
            for name, value in item['headers']:
                headers[name] = f'{headers[name]}, {value}' if name in headers else value
            body = base64.b64decode(item['body'])
            payload = streaming_payload(op.output_shape)
            response = {
                'status_code': item['status'],
                'headers': headers,
                # Botocore hands a streamed payload over as a stream; it decodes a bytes one as text.
                'body': io.BytesIO(body) if payload else body,
            }
            parsed = create_parser(protocol).parse(response, op.output_shape)
            parsed.pop('ResponseMetadata', None)
            if (model.metadata.get('serviceId'), op.name) == ('S3', 'GetBucketLocation'):
                # Botocore's client completes this one response in a handler (after-call.s3.GetBucketLocation):
                # the document is a bare <LocationConstraint> that no model can describe.
                parse_get_bucket_location(parsed, SimpleNamespace(raw=body, content=body))
                if parsed.get('LocationConstraint') is None:
                    parsed['LocationConstraint'] = ''
            emit({'operation': op.name, 'sample': item.get('sample'), 'parsed': normalize(parsed, op.output_shape)})
        except Exception as e:  # noqa: BLE001 - an unparsable response is a finding
            emit({'operation': item.get('operation'), 'sample': item.get('sample'), 'error': f'{type(e).__name__}: {e}'})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('mode', choices=['requests', 'outputs', 'parse-responses'])
    parser.add_argument('--model', required=True, help='path of an aws-sdk *.min.json model')
    parser.add_argument('--metadata', default='{}', help='JSON object merged over the model metadata')
    parser.add_argument('--samples', type=int, default=3)
    parser.add_argument('--seed', default='doqutore')
    parser.add_argument('--input', help='parse-responses: file of response lines (default: stdin)')
    args = parser.parse_args()
    model = load_model(args.model, json.loads(args.metadata))
    if args.mode == 'requests':
        mode_requests(model, args.samples, args.seed)
    elif args.mode == 'outputs':
        mode_outputs(model, args.samples, args.seed)
    elif args.input:
        with open(args.input, encoding='utf-8') as f:
            mode_parse(model, f)
    else:
        mode_parse(model, sys.stdin)


if __name__ == '__main__':
    main()
