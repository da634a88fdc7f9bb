#!/usr/bin/env python3
"""A catalog store for the catalog-sync benchmark: GET /store/catalog/changes serves PRODUCTS products (pages of the
limit asked for), each page with the prices of its products in ORGS buyer price lists; then, after the cursor 'full',
one page of CHANGES changed products (new prices), then nothing. Pages are made on the fly, nothing is held. With LOG,
each page served appends a line "<unix time> <cursor asked for>" to that file, so a run that does not finish shows how far
it got. Usage: catalog-store.py PORT PRODUCTS ORGS CHANGES [LOG]"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

port, products, orgs, changes = (int(a) for a in sys.argv[1:5])
log = sys.argv[5] if len(sys.argv) > 5 else None

# Pages are written as text from templates: json.dumps of 50,000 price dictionaries took 0.3 s a page, as long as the
# hub needs to write one, so the store was half of what was measured; now each org's prices are one join of the page's
# price heads.
def product(i, price):
    return (f'{{"supplierPartId":"P-{i:07d}","description":"Benchmark product {i}","uom":"EA","unitPrice":{price},'
            f'"currency":"USD","unspsc":"27111700","leadTimeDays":3}}')

def page(first, count, price, cursor, more):
    ids = range(first, first + count)
    heads = [f'{{"supplierPartId":"P-{i:07d}","minQuantity":1,"unitPrice":' for i in ids]
    lists = []
    for o in range(orgs):
        each = json.dumps(price - 1 - o / 100)
        prices = (each + "},").join(heads) + each + "}" if heads else ""
        lists.append(f'{{"buyerOrg":"org-{o:02d}","contractId":null,"name":"Org {o}","prices":[{prices}]}}')
    return (f'{{"products":[{",".join(product(i, json.dumps(price)) for i in ids)}],"priceLists":[{",".join(lists)}],'
            f'"nextCursor":{json.dumps(cursor)},"hasMore":{json.dumps(more)}}}')

class Store(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path != "/store/catalog/changes":
            self.send_error(404); return
        query = parse_qs(url.query)
        limit = int(query.get("limit", ["500"])[0])
        cursor = query.get("updatedSince", [None])[0]
        if cursor is None or cursor.startswith("at-"):
            first = 0 if cursor is None else int(cursor[3:])
            count = min(limit, products - first)
            done = first + count >= products
            body = page(first, count, 20.0, "full" if done else f"at-{first + count}", not done)
        elif cursor == "full":
            body = page(0, changes, 21.0, "changed", False)
        else:
            body = json.dumps({"nextCursor": cursor, "hasMore": False})
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if log:
            with open(log, "a") as f:
                f.write(f"{time.time():.3f} {cursor or '-'}\n")

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Store).serve_forever()
