package io.hyperindex.gateway.book;

/** One price level: a FIFO of orders in time priority and their total open quantity. */
final class Level {
    long price;
    long total;
    int count;
    Order head;
    Order tail;
    /** Next free level when this one sits in its side's free list. */
    Level nextFree;

    void append(Order o) {
        o.level = this;
        o.prev = tail;
        o.next = null;
        if (tail == null) {
            head = o;
        } else {
            tail.next = o;
        }
        tail = o;
        total += o.remaining;
        count++;
    }

    void unlink(Order o) {
        if (o.prev == null) {
            head = o.next;
        } else {
            o.prev.next = o.next;
        }
        if (o.next == null) {
            tail = o.prev;
        } else {
            o.next.prev = o.prev;
        }
        total -= o.remaining;
        count--;
        o.level = null;
        o.prev = null;
        o.next = null;
    }
}
