set encoding utf8
set terminal pngcairo enhanced size 1800,1530 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set grid
set tmargin 2.5
set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 height 1
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set multiplot layout 2,2 title "cld_w2_bound: CLD final W2 bound c1 e^-c2T W2 + c1 sigma^2 M + c1 sqrt(h)\nseed 002, slide 'Final W2 upper bound'\nsolid, filled dots: exact w2_phase     dashed: bound     red ring: violated" noenhanced font 'Sans,12'
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "horizon T" noenhanced
set ylabel "w2_phase" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'continuous, N(0,2), sigma2=4, v=1', \
     '' index 0 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 0 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 0 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'em h=0.1, N(0,2), sigma2=4, v=1', \
     '' index 1 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#E69F00' notitle, \
     '' index 1 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 1 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 2 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'ei h=0.1, N(0,2), sigma2=4, v=1', \
     '' index 2 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#009E73' notitle, \
     '' index 2 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 2 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 3 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#CC79A7' title 'split h=0.1, N(0,2), sigma2=4, v=1', \
     '' index 3 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#CC79A7' notitle, \
     '' index 3 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 3 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "number of steps N (T = 4)" noenhanced
set ylabel "w2_phase" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (5, 10, 20, 50, 100, 200)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 4 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em, N(0,2), T=4', \
     '' index 4 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 4 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 4 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 5 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#E69F00' title 'ei, N(0,2), T=4', \
     '' index 5 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 5 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 6 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#009E73' title 'eir, N(0,2), T=4', \
     '' index 6 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 6 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 7 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#CC79A7' title 'split, N(0,2), T=4', \
     '' index 7 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 7 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle, \
     'data.csv' index 8 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#56B4E9' title 'split_renormalised, N(0,2), T=4', \
     '' index 8 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 8 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "sigma2 (T = 4, h = 0.1)" noenhanced
set ylabel "w2_phase" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (0.5, 1, 2, 5, 10, 20, 50)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 9 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'ei h=0.1, N(0,2), stationary v, T=4', \
     '' index 9 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 9 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 9 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset logscale
set format x '% h'
set format y '% h'
set autoscale
set xtics autofreq
set ytics autofreq
set xlabel "dimension d (T = 4, h = 0.1)" noenhanced
set ylabel "w2_phase" noenhanced
set logscale x
set mxtics default
set format x '%g'
set xtics (1, 2, 5, 10, 20, 50)
set autoscale fix
set logscale y
set mytics default
set format y '10^{%L}'
plot 'data.csv' index 10 using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#0072B2' title 'em h=0.1, heteroscedastic preset, T=4', \
     '' index 10 using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '#0072B2' notitle, \
     '' index 10 using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' notitle, \
     '' index 10 using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 lc rgb 'black' notitle
unset multiplot
